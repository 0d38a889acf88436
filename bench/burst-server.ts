import { startServer } from '../src-server/server';

// One server process of push-burst.bench.ts: the server the bench measures runs in a process of its own, as it
// does in production, so the 100 desks' client work (in the bench's process) does not share its thread.
// Environment: BURST_DATABASE_URL, BURST_MASTER_KEY (hex, the same for every instance, docs/operations.md §3),
// BURST_GROUP_COMMIT ("0" writes one transaction per push). Prints "ready <url>" once listening; stops on SIGTERM.

const databaseUrl = process.env.BURST_DATABASE_URL;
const masterKeyHex = process.env.BURST_MASTER_KEY;
if (!databaseUrl || !masterKeyHex) throw new Error('burst-server: BURST_DATABASE_URL and BURST_MASTER_KEY are required');

const server = await startServer({
  databaseUrl,
  port: 0,
  masterKey: Buffer.from(masterKeyHex, 'hex'),
  sync: { groupCommit: process.env.BURST_GROUP_COMMIT !== '0' },
});
process.stdout.write(`ready ${server.url}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
