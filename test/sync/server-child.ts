import { startServer } from '../../src-server/server';
import { createDemoOrg } from '../../src-server/demo';
import { enrolDesk } from '../../src-server/orgs';

// A server in its own process for the SIGKILL test: `--bootstrap` creates an organisation and a desk
// and prints their credentials; then it prints READY with its URL and serves until killed.

const args = process.argv.slice(2);
const dataDir = args[args.indexOf('--data-dir') + 1];
const databaseUrl = args.includes('--database-url') ? args[args.indexOf('--database-url') + 1] : undefined;
const masterKey = args.includes('--master-key') ? Buffer.from(args[args.indexOf('--master-key') + 1]!, 'base64') : undefined;
const server = await startServer({ ...(databaseUrl ? { databaseUrl, masterKey } : { dataDir }), port: 0 });
if (args.includes('--bootstrap')) {
  const org = await createDemoOrg(server.db, { presetId: 'starter' });
  const desk = await enrolDesk(server.db, org.code);
  process.stdout.write(`DESK ${JSON.stringify({ ...desk, staffIds: org.staffIds })}\n`);
}
process.stdout.write(`READY ${server.url}\n`);
