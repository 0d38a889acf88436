import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startServer } from './server';
import { openDatabase } from './db/open';
import { createAdminToken, createOrganisation, issueEnrolmentCode, listDesks, revokeDesk, type StaffInput } from './orgs';
import { defaultPresets } from './presets';
import { createDemoOrg } from './demo';
import { copyDatabase } from './db/copy';
import { setStaffPassphrase } from './staff-passphrase';
import { openS3BodyStore, s3OptionsFromEnv } from './sync/s3-body-store';
import { rotateMasterKey, rotationReport } from './confidential/rotate-master-key';

// `npm run server` starts the central server; `npm run server -- admin <command>` administers it.
// With PGlite, stop the server before running admin commands (one process owns the data folder; the
// lock in db/folder-lock.ts refuses a second one), or use the admin HTTP API with an administrator token.

const USAGE = `用法 / usage:
  npm run server [-- --port 8787 --host 127.0.0.1 --data-dir ./jiesu-server-data]
      DATABASE_URL=postgres://… uses PostgreSQL instead of the embedded PGlite.
      JIESU_S3_BUCKET=… [JIESU_S3_ENDPOINT=https://… JIESU_S3_REGION=… JIESU_S3_PREFIX=…] keeps attachment bodies in an
      S3-compatible bucket (credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY); docs/operations.md §4.
  npm run server -- admin create-org --name 单位名称 --preset <presetId> --site 站点 [--site …] [--staff "姓名:role1,role2[:PIN]" …]
  npm run server -- admin issue-code --org <orgId> [--site <siteId>] [--scope site|org] [--desk-code HZ01] [--desk-name 名称] [--hours 168] [--reenrol HZ01]
  npm run server -- admin revoke --org <orgId> --desk <deskId>
  npm run server -- admin list-desks --org <orgId>
  npm run server -- admin create-admin-token [--label 名称]
  npm run server -- admin set-passphrase --org <orgId> --staff <姓名或人员编号>      (口令从终端输入两次，或从标准输入读一行)
  npm run server -- admin demo [--preset starter]
  DATABASE_URL=postgres://… npm run server -- admin copy-to-postgres --data-dir ./jiesu-server-data
  JIESU_S3_BUCKET=… npm run server -- admin move-bodies-to-s3      (数据库中已有的附件移入存储桶 / bodies kept in the database into the bucket)
  npm run server -- admin rotate-master-key      (更换主密钥 / replace the master key; docs/operations.md §4)`;

function parseStaff(spec: string): StaffInput {
  const [name, roles, pin] = spec.split(':');
  if (!name || !roles) throw new Error(`员工格式应为 "姓名:角色1,角色2[:PIN]"：${spec}`);
  return { name, roles: roles.split(',').filter(Boolean), ...(pin ? { pin } : {}) };
}

/** Reads one line from the terminal without showing it (a passphrase); Ctrl-C stops the command. */
function askHidden(question: string): Promise<string> {
  return new Promise((done, fail) => {
    const input = process.stdin;
    process.stdout.write(question);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let typed = '';
    const stop = (after: () => void) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stdout.write('\n');
      after();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return stop(() => done(typed));
        if (ch === '\u0003') return stop(() => fail(new Error('已取消，未做任何更改。/ Cancelled; nothing was changed.')));
        typed = ch === '\u007f' || ch === '\b' ? [...typed].slice(0, -1).join('') : typed + ch;
      }
    };
    input.on('data', onData);
  });
}

/** The new passphrase: typed twice at a terminal (never on the command line, where history and ps would keep it), else the first line of standard input. */
async function readPassphrase(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await askHidden('新的管理口令 / new passphrase: ');
    const again = await askHidden('再次输入 / again: ');
    if (first !== again) throw new Error('两次输入不一致，未做任何更改。/ The two entries differ; nothing was changed.');
    return first;
  }
  let text = '';
  for await (const chunk of process.stdin) text += (chunk as Buffer).toString('utf8');
  return text.split(/\r?\n/)[0] ?? '';
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      name: { type: 'string' },
      preset: { type: 'string' },
      site: { type: 'string', multiple: true },
      staff: { type: 'string', multiple: true },
      org: { type: 'string' },
      scope: { type: 'string' },
      'desk-code': { type: 'string' },
      'desk-name': { type: 'string' },
      reenrol: { type: 'string' },
      desk: { type: 'string' },
      hours: { type: 'string' },
      label: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = resolve(values['data-dir'] ?? process.env.JIESU_DATA_DIR ?? 'jiesu-server-data');

  if (positionals[0] !== 'admin') {
    const s3 = s3OptionsFromEnv();
    const server = await startServer({
      databaseUrl,
      dataDir,
      port: Number(values.port ?? process.env.PORT ?? 8787),
      host: values.host ?? process.env.HOST ?? '127.0.0.1',
      logger: { level: process.env.LOG_LEVEL ?? 'info' },
      ...(s3 ? { s3 } : {}),
      // How far a pushed event's time may lie ahead of this server's clock (docs/operations.md §5).
      ...(process.env.JIESU_MAX_CLOCK_SKEW_MS ? { sync: { maxSkewMs: Number(process.env.JIESU_MAX_CLOCK_SKEW_MS) } } : {}),
    });
    console.log(`接诉台服务器已启动 / server listening: ${server.url}  (${databaseUrl ? 'PostgreSQL' : `PGlite ${dataDir}`}; API 文档 ${server.url}/docs)`);
    console.log(`附件存储 / attachment bodies: ${server.bodies.kind === 'database' ? '数据库 / database' : server.bodies.where}`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }

  const db = await openDatabase({ databaseUrl, dataDir });
  try {
    const command = positionals[1];
    switch (command) {
      case 'create-org': {
        const policy = defaultPresets(values.preset ?? '');
        if (!values.name || !policy || !values.site?.length) throw new Error('需要 --name、有效的 --preset 和至少一个 --site。');
        const org = await createOrganisation(db, {
          name: values.name,
          policy,
          sites: values.site.map((name) => ({ name })),
          staff: (values.staff ?? []).map(parseStaff),
        });
        console.log(JSON.stringify(org, null, 2));
        break;
      }
      case 'issue-code': {
        if (!values.org) throw new Error('需要 --org。');
        const scope = values.scope === 'org' ? 'org' : 'site';
        const issued = await issueEnrolmentCode(db, {
          orgId: values.org,
          scope,
          ...(values.site ? { siteId: values.site[0] } : {}),
          ...(values['desk-code'] ? { deskCode: values['desk-code'] } : {}),
          ...(values['desk-name'] ? { deskName: values['desk-name'] } : {}),
          ...(values.reenrol ? { reenrolDeskCode: values.reenrol } : {}),
          ...(values.hours ? { validHours: Number(values.hours) } : {}),
        });
        console.log(`加入码 / enrolment code: ${issued.code}（有效期至 ${new Date(issued.expiresAt).toISOString()}，仅可使用一次）`);
        break;
      }
      case 'revoke': {
        if (!values.org || !values.desk) throw new Error('需要 --org 和 --desk。');
        const n = await revokeDesk(db, values.org, values.desk);
        console.log(n > 0 ? `已吊销 ${n} 个凭据。` : '没有找到可吊销的凭据。');
        break;
      }
      case 'list-desks': {
        if (!values.org) throw new Error('需要 --org。');
        console.log(JSON.stringify(await listDesks(db, values.org), null, 2));
        break;
      }
      case 'create-admin-token': {
        const token = await createAdminToken(db, values.label ?? 'admin');
        console.log(`管理员凭据（只显示这一次，请妥善保存）/ admin token (shown once): ${token}`);
        break;
      }
      case 'set-passphrase': {
        const who = values.staff?.[0];
        if (!values.org || !who) throw new Error('需要 --org 和 --staff（姓名或人员编号）。');
        const r = await setStaffPassphrase(db, { orgId: values.org, staff: who, passphrase: await readPassphrase() });
        console.log(
          `已为「${r.name}」（${r.staffId}）设置管理口令，人员记录修订 ${r.rev}；各工作台同步后生效，旧的 PIN 码或口令随即失效。/ Passphrase set for ${r.name}; desks take it on their next sync.`,
        );
        if (!r.administers)
          console.log(
            '注意：此人没有管理类角色（admin/manager/director 或部门负责人），凭此口令可以登录，但不能做管理操作。/ Note: this person holds no administering role, so the passphrase signs in but administers nothing.',
          );
        break;
      }
      case 'copy-to-postgres': {
        if (!databaseUrl) throw new Error('请用 DATABASE_URL 指定目标 PostgreSQL。');
        const source = await openDatabase({ dataDir });
        try {
          await copyDatabase(source, db, (line) => console.log(line));
        } finally {
          await source.close();
        }
        console.log('已复制到 PostgreSQL；之后启动服务器时请设置同一个 DATABASE_URL。');
        break;
      }
      case 'move-bodies-to-s3': {
        const s3 = s3OptionsFromEnv();
        if (!s3)
          throw new Error('请用 JIESU_S3_BUCKET（及 JIESU_S3_ENDPOINT 等）指定存储桶。/ Set JIESU_S3_BUCKET (and JIESU_S3_ENDPOINT…) to name the bucket.');
        const store = await openS3BodyStore(db, s3);
        try {
          const moved = await store.moveFromDatabase((n) => console.log(`已移动 / moved: ${n}`));
          console.log(
            `已将 ${moved} 个附件移入 ${store.where}；数据库中只保留索引。/ Moved ${moved} bodies to ${store.where}; the database keeps their index rows.`,
          );
        } finally {
          await store.close();
        }
        break;
      }
      case 'rotate-master-key': {
        const r = await rotateMasterKey(db, { databaseUrl, dataDir }, { now: Date.now() });
        for (const line of rotationReport(r)) console.log(line);
        break;
      }
      case 'demo': {
        const demo = await createDemoOrg(db, values.preset ? { presetId: values.preset } : {});
        console.log(JSON.stringify(demo, null, 2));
        break;
      }
      default:
        console.log(USAGE);
        process.exitCode = 2;
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
