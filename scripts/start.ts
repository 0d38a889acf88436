import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createDemoOrg, DEMO_ADMIN_PASSPHRASE, DEMO_PIN } from '../src-server/demo';
import { issueEnrolmentCode } from '../src-server/orgs';
import { startServer, type RunningServer } from '../src-server/server';
import { createFileSecretStore } from '../src-main/secret-store';
import { createSettingsStore } from '../src-main/settings';
import { startWebHost, type WebHost } from '../src-main/web-host';

// `npm start` / `npm run start:web`: the whole product with one command (issue 6 item 7). Starts the
// embedded central server (PGlite) with a demo organisation from a preset, issues a one-time enrolment code
// for one desk, and opens the desk joined to it — the desktop app, or the browser shell with `--web` (or
// when no Electron binary is installed). Prints where every piece of data lives and how to stop.

export interface DemoOptions {
  web: boolean;
  /** Everything the demo writes lives below this folder. */
  dataRoot: string;
  presetId: string;
  serverPort: number;
  shellPort: number;
  /** Built renderer to serve; built from src-renderer when omitted. */
  rendererDir?: string;
  print?: (line: string) => void;
  /** Finds the Electron binary; injectable so the fallback to the browser shell can be tested anywhere. */
  findElectron?: () => string | undefined;
}

export interface RunningDemo {
  server: RunningServer;
  web?: WebHost;
  desktop?: ChildProcess;
  deskUrl?: string;
  enrolmentCode: string;
  orgId: string;
  stop(): Promise<void>;
}

interface DemoState {
  orgId: string;
  presetId: string;
}

const root = resolve(import.meta.dirname ?? '.', '..');

/** The Electron binary, or undefined when it was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD). */
export function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

/** Builds the renderer into dist-web unless it is already newer than every renderer and shared source. */
async function ensureRendererBuilt(print: (l: string) => void): Promise<string> {
  const out = join(root, 'dist-web');
  const index = join(out, 'index.html');
  const sources = Math.max(newestMtime(join(root, 'src-renderer')), newestMtime(join(root, 'src-shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return out;
  print('正在构建桌面界面（首次或代码有改动时需要十几秒）… / Building the desk UI…');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.web.config.ts'), logLevel: 'warn' });
  return out;
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const print = options.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  mkdirSync(options.dataRoot, { recursive: true });
  const serverData = join(options.dataRoot, 'server');
  const stateFile = join(options.dataRoot, 'demo.json');

  const server = await startServer({ dataDir: serverData, port: options.serverPort, logger: false });
  let state: DemoState;
  let code: string;
  if (existsSync(stateFile)) {
    state = JSON.parse(readFileSync(stateFile, 'utf8')) as DemoState;
    // A code is single-use: every start issues a fresh one, so a desk can (re-)join at any time.
    code = (await issueEnrolmentCode(server.db, { orgId: state.orgId, scope: 'org' })).code;
  } else {
    const demo = await createDemoOrg(server.db, { presetId: options.presetId, name: '示例单位（演示）' });
    state = { orgId: demo.orgId, presetId: options.presetId };
    code = demo.code;
    writeFileSync(stateFile, JSON.stringify(state, null, 2));
  }
  // First-run hint for the desk: the join form reads these from the address and fills itself in.
  const joinQuery = new URLSearchParams({ server: server.url, code }).toString();

  let web: WebHost | undefined;
  let desktop: ChildProcess | undefined;
  let deskUrl: string | undefined;
  const binary = options.web ? undefined : (options.findElectron ?? electronBinary)();
  if (!options.web && !binary) {
    print('');
    print('没有找到 Electron 程序（安装时跳过了下载，例如设置了 ELECTRON_SKIP_BINARY_DOWNLOAD=1），改为在浏览器中打开接诉台。');
    print('No Electron binary is installed (its download was skipped), so the desk opens in the browser shell instead.');
    print('要使用桌面版：删除 node_modules/electron 后重新 npm ci（不要设置 ELECTRON_SKIP_BINARY_DOWNLOAD）。');
  }
  const deskData = join(options.dataRoot, binary ? 'desk-electron' : 'desk-web');
  // The shell's settings say which server this desk belongs to.
  createSettingsStore({ dataFolder: deskData, defaultArchiveFolder: join(deskData, 'archive') }, createFileSecretStore(join(deskData, 'secrets.json'))).set({
    serverUrl: server.url,
  });

  if (binary) {
    desktop = spawn(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'dev'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, JIESU_USER_DATA: deskData, JIESU_FIRST_RUN_QUERY: joinQuery },
    });
  } else {
    const rendererDir = options.rendererDir ?? (await ensureRendererBuilt(print));
    web = await startWebHost({ dataFolder: deskData, rendererDir, version: '0.1.0', port: options.shellPort, warmDocuments: true });
    deskUrl = `${web.shell.url}/?${joinQuery}`;
  }

  const lines = [
    '',
    '接诉台已启动 / Jiesu is running',
    `  中心服务器 Central server:   ${server.url}   (API 文档 ${server.url}/docs)`,
    deskUrl ? `  接待台（浏览器）Desk:        ${deskUrl}` : '  接待台（桌面程序）Desk:     Electron 窗口 / the Electron window',
    `  演示单位 Demo organisation:  预设 ${state.presetId}，员工 PIN 均为 ${DEMO_PIN}，管理人员口令 ${DEMO_ADMIN_PASSPHRASE} / staff PIN ${DEMO_PIN}, administrators' passphrase ${DEMO_ADMIN_PASSPHRASE}`,
    `  一次性加入码 Enrolment code: ${code}`,
    '',
    '数据位置 / Where the data lives',
    `  服务器数据库 (PGlite):      ${serverData}`,
    `  接待台设置、备份、日志:     ${deskData}`,
    binary
      ? `  接待台案件库 (IndexedDB):   ${join(deskData, 'Partitions', 'desk')}`
      : '  接待台案件库 (IndexedDB):   在浏览器自己的配置文件夹里 / inside the browser profile (per site)',
    `  重新开始 Start over:        停止后删除 ${options.dataRoot} / stop, then delete that folder`,
    '',
    '停止 / To stop: 按 Ctrl+C / press Ctrl+C',
  ];
  for (const l of lines) print(l);

  let stopped = false;
  return {
    server,
    ...(web ? { web } : {}),
    ...(desktop ? { desktop } : {}),
    ...(deskUrl ? { deskUrl } : {}),
    enrolmentCode: code,
    orgId: state.orgId,
    async stop() {
      if (stopped) return;
      stopped = true;
      desktop?.kill();
      await web?.shell.close();
      await server.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      web: { type: 'boolean', default: false },
      preset: { type: 'string', default: 's7-property' },
      'data-dir': { type: 'string' },
      'server-port': { type: 'string', default: '8787' },
      port: { type: 'string', default: '5180' },
    },
  });
  const demo = await startDemo({
    web: values.web ?? false,
    presetId: values.preset ?? 's7-property',
    dataRoot: resolve(values['data-dir'] ?? process.env.JIESU_DATA_DIR ?? join(root, '.data', 'demo')),
    serverPort: Number(values['server-port']),
    shellPort: Number(values.port),
  });
  const shutdown = () => {
    process.stdout.write('\n正在停止… / Stopping…\n');
    void demo.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  demo.desktop?.once('exit', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`启动失败 / Start failed: ${message}\n`);
    if (/EADDRINUSE/.test(message))
      process.stderr.write(
        '端口已被占用：可能已有一个接诉台在运行。用 --port / --server-port 换一个端口。 / A port is in use: Jiesu may already be running; pick others with --port / --server-port.\n',
      );
    process.exit(1);
  });
}
