import { createHash } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createHttpBridge } from '../../src-shared/bridge-http-client';
import { contentSecurityPolicy } from '../../src-main/csp';
import { ATTACHMENT_LIMITS } from '../../src-shared/domain/attachments';
import type { WebHost } from '../../src-main/web-host';
import { attackPages, launchChromium, startTestHost } from './shell';

// The browser shell in real Chromium: every response carries the desk's CSP; inline script, eval,
// window.open, target=_blank, foreign frames and form posts are refused; other web sites cannot call the
// bridge (Origin check, no CORS) or reach it by DNS rebinding (Host check).

let host: WebHost;
let evil: WebHost;
let browser: Browser;

beforeAll(async () => {
  host = await startTestHost(attackPages());
  // A second shell on another port plays "some other web site on this computer".
  evil = await startTestHost(attackPages());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.shell.close();
  await evil?.shell.close();
});

function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string | Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser shell in Chromium', () => {
  it('serves every page and asset with the one strict CSP (no unsafe-eval) and companion headers', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${host.shell.url}/`);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toBe(contentSecurityPolicy({ connectOrigins: [] }));
    expect(headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    const asset = await page.request.get(`${host.shell.url}/attack.js`);
    expect(asset.headers()['content-security-policy']).toBe(headers['content-security-policy']);
    await page.close();
  });

  it('refuses inline script, eval, new Function, window.open and remote script inside the page', async () => {
    const page = await browser.newPage();
    const popups: string[] = [];
    page.context().on('page', (p) => popups.push(p.url()));
    await page.goto(`${host.shell.url}/`);
    await page.waitForFunction(() => (window as unknown as { __attempts?: unknown }).__attempts !== undefined);
    const attempts = await page.evaluate(() => (window as unknown as { __attempts: Record<string, string> }).__attempts);
    expect(attempts).toEqual({ eval: 'EvalError', newFunction: 'EvalError', windowOpen: 'null', windowOpenSelf: 'null', inline: 'blocked' });
    await page.click('#blank');
    await page.waitForTimeout(300);
    expect(popups).toEqual([]);
    await page.close();
  });

  it('blocks frames and form posts that would leave the desk', async () => {
    const page = await browser.newPage();
    const reached: string[] = [];
    const refused: string[] = [];
    page.on('requestfinished', (r) => reached.push(r.url()));
    page.on('requestfailed', (r) => refused.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    await page.goto(`${host.shell.url}/`);
    const frames = await page.evaluate(async () => {
      const add = (src: string) =>
        new Promise<string>((resolve) => {
          const f = document.createElement('iframe');
          f.src = src;
          document.body.append(f);
          setTimeout(() => {
            let reachable: string;
            try {
              reachable = f.contentDocument?.body?.textContent?.includes('same-origin frame') ? 'loaded' : 'blocked';
            } catch {
              reachable = 'blocked';
            }
            resolve(reachable);
          }, 500);
        });
      // A blob: URL made by the page itself: no longer needed (the PDF preview draws on canvases), so refused.
      const blob = URL.createObjectURL(new Blob(['<p>same-origin frame</p>'], { type: 'text/html' }));
      return { foreign: await add('https://example.com/'), ownPage: await add('/frame.html'), blob: await add(blob) };
    });
    // Our own pages refuse to be framed too (frame-ancestors 'none', X-Frame-Options DENY): no clickjacking.
    expect(frames).toEqual({ foreign: 'blocked', ownPage: 'blocked', blob: 'blocked' });
    const before = page.url();
    await page.evaluate(() => (document.getElementById('form') as HTMLFormElement).submit());
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    // Nothing left the desk's origin; the remote script was stopped by the CSP, not by a network error.
    expect(reached.filter((u) => !u.startsWith(host.shell.url) && !u.startsWith('blob:'))).toEqual([]);
    expect(refused).toContain('https://cdn.example.invalid/remote.js csp');
    expect(refused.some((r) => r.includes('/frame.html') && r.includes('BLOCKED_BY_RESPONSE'))).toBe(true);
    const violations = await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
    expect(violations.join('\n')).toMatch(/frame-src https:\/\/example\.com/);
    await page.close();
  });

  it('the page calls the bridge and receives host events over SSE', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.shell.url}/`);
    const info = await page.evaluate(async () => {
      const r = await fetch('/bridge/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return r.json();
    });
    expect(info).toMatchObject({ ok: true, value: { host: 'web', version: '0.1.0-test' } });
    const received = page.evaluate(
      () =>
        new Promise<unknown>((resolve) => {
          const es = new EventSource('/bridge-events');
          es.addEventListener('open', () => ((window as unknown as { __sseOpen: boolean }).__sseOpen = true));
          es.addEventListener('intake.open', (e) => resolve(JSON.parse((e as MessageEvent<string>).data)));
        }),
    );
    await page.waitForFunction(() => (window as unknown as { __sseOpen?: boolean }).__sseOpen === true);
    host.shell.emit('intake.open', { from: 'test' });
    expect(await received).toEqual({ from: 'test' });
    await page.close();
  });

  it('another web site cannot change the desk through the bridge, with or without a CORS preflight', async () => {
    const page = await browser.newPage();
    await page.goto(`${evil.shell.url}/`);
    const outcome = await page.evaluate(async (target) => {
      const results: string[] = [];
      // A "simple" request needs no preflight and is sent; the shell must refuse it by Origin.
      await fetch(`${target}/bridge/settings.set`, {
        method: 'POST',
        mode: 'no-cors',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ serverUrl: 'https://evil.example' }),
      })
        .then(() => results.push('sent'))
        .catch(() => results.push('failed'));
      // A JSON request needs a preflight, which the shell never grants.
      await fetch(`${target}/bridge/settings.set`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serverUrl: 'https://evil.example' }),
      })
        .then(() => results.push('sent'))
        .catch(() => results.push('failed'));
      return results;
    }, host.shell.url);
    // The simple POST reaches the shell, which refuses it for its Origin (and CORP withholds even the refusal);
    // the JSON POST never gets past its preflight. Either way the desk's settings are untouched.
    expect(outcome).toEqual(['failed', 'failed']);
    expect(host.settings.get().serverUrl).toBe('');
    await page.close();
  });
});

describe('browser shell request checks (outside the browser)', () => {
  it('refuses bridge calls whose Origin is another site, or missing', async () => {
    const body = JSON.stringify({ serverUrl: 'https://evil.example' });
    for (const origin of ['https://evil.example', 'http://127.0.0.1:1', 'null', undefined]) {
      const r = await rawRequest(host.shell.port, '/bridge/settings.set', { 'content-type': 'application/json', ...(origin ? { origin } : {}) }, 'POST', body);
      expect(r.status, String(origin)).toBe(403);
      expect(JSON.parse(r.text).error.message['zh-CN']).toBe('拒绝了来自其他网站的请求。');
    }
    expect(host.settings.get().serverUrl).toBe('');
  });

  it("relays the desk page's sync requests with the desk token, and refuses another site's (issue 10 item 5)", async () => {
    const seen: { url: string; authorization?: string }[] = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    host.links.adopt({ profile: 'relaytest', serverUrl, token: 'dt_relay_secret_0123' });
    try {
      const push = '/sync/relaytest/sync/v1/events/push';
      for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, {}] as Record<string, string>[]) {
        const r = await rawRequest(host.shell.port, push, { 'content-type': 'application/json', ...headers }, 'POST', '[]');
        expect(r.status, JSON.stringify(headers)).toBe(403);
      }
      expect((await rawRequest(host.shell.port, '/sync/relaytest/docs', { 'sec-fetch-site': 'same-origin' })).status).toBe(404);
      expect(seen).toEqual([]);
      const ok = await rawRequest(
        host.shell.port,
        push,
        { 'content-type': 'application/json', origin: host.shell.url, authorization: 'Bearer forged' },
        'POST',
        '[]',
      );
      expect(ok.status).toBe(200);
      expect((await rawRequest(host.shell.port, '/sync/relaytest/sync/v1/events/pull?seq=0&limit=5', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      expect(seen).toEqual([
        { url: '/sync/v1/events/push', authorization: 'Bearer dt_relay_secret_0123' },
        { url: '/sync/v1/events/pull?seq=0&limit=5', authorization: 'Bearer dt_relay_secret_0123' },
      ]);
      expect(ok.text).not.toContain('dt_relay_secret');
    } finally {
      server.close();
    }
  });

  it('relays an attachment body (PUT, raw bytes) and the HEAD question with the desk token; refuses more than 20 MB before the server sees it (issue 13)', async () => {
    const seen: { method: string; url: string; authorization?: string; type?: string; sha256: string; size: number }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const bytes = Buffer.concat(chunks);
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          ...(req.headers['content-type'] ? { type: req.headers['content-type'] } : {}),
          sha256: createHash('sha256').update(bytes).digest('hex'),
          size: bytes.length,
        });
        if (req.method === 'HEAD') res.writeHead(404, { 'content-type': 'application/json' }).end();
        else res.writeHead(201, { 'content-type': 'application/json' }).end('{"stored":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    host.links.adopt({ profile: 'bodytest', serverUrl, token: 'dt_body_secret_0123' });
    try {
      // Every byte value, including ones that are no valid UTF-8: the relay must pass bytes, not text.
      const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7 + 3) & 0xff))]);
      const hash = createHash('sha256').update(bytes).digest('hex');
      const path = `/sync/bodytest/sync/v1/attachments/${hash}`;
      const own = { origin: host.shell.url };
      const put = await rawRequest(
        host.shell.port,
        path,
        { ...own, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
        'PUT',
        bytes,
      );
      expect(put.status).toBe(201);
      const head = await rawRequest(host.shell.port, path, { 'sec-fetch-site': 'same-origin' }, 'HEAD');
      expect(head.status).toBe(404);
      expect(seen).toEqual([
        {
          method: 'PUT',
          url: `/sync/v1/attachments/${hash}`,
          authorization: 'Bearer dt_body_secret_0123',
          type: 'application/octet-stream',
          sha256: hash,
          size: bytes.length,
        },
        {
          method: 'HEAD',
          url: `/sync/v1/attachments/${hash}`,
          authorization: 'Bearer dt_body_secret_0123',
          sha256: createHash('sha256').digest('hex'),
          size: 0,
        },
      ]);
      // Another site cannot upload with the desk's credential.
      expect(
        (await rawRequest(host.shell.port, path, { origin: 'https://evil.example', 'content-type': 'application/octet-stream' }, 'PUT', bytes)).status,
      ).toBe(403);
      // Not raw bytes: refused with the reason, nothing relayed.
      const typed = await rawRequest(host.shell.port, path, { ...own, 'content-type': 'text/plain' }, 'PUT', 'hello');
      expect(typed.status).toBe(415);
      // One byte over the server's limit: the shell answers as the server would, and the server is never asked.
      const big = Buffer.alloc(ATTACHMENT_LIMITS.maxBytes + 1, 1);
      const tooBig = await rawRequest(
        host.shell.port,
        path,
        { ...own, 'content-type': 'application/octet-stream', 'content-length': String(big.length) },
        'PUT',
        big,
      );
      expect(tooBig.status).toBe(413);
      expect(JSON.parse(tooBig.text)).toMatchObject({ error: 'attachmentTooLarge', messages: { 'zh-CN': '文件太大，单个附件最多 20 MB，未保存。' } });
      // Exactly at the limit is relayed.
      const max = Buffer.alloc(ATTACHMENT_LIMITS.maxBytes, 2);
      expect(
        (await rawRequest(host.shell.port, path, { ...own, 'content-type': 'application/octet-stream', 'content-length': String(max.length) }, 'PUT', max))
          .status,
      ).toBe(201);
      expect(seen.map((s) => [s.method, s.size])).toEqual([
        ['PUT', bytes.length],
        ['HEAD', 0],
        ['PUT', ATTACHMENT_LIMITS.maxBytes],
      ]);
    } finally {
      server.close();
    }
  });

  it('refuses a rebound DNS name (foreign Host header) for pages and calls alike', async () => {
    expect((await rawRequest(host.shell.port, '/', { host: 'evil.example' })).status).toBe(421);
    expect(
      (
        await rawRequest(
          host.shell.port,
          '/bridge/app.info',
          { host: `evil.example:${host.shell.port}`, origin: `http://evil.example:${host.shell.port}`, 'content-type': 'application/json' },
          'POST',
          '{}',
        )
      ).status,
    ).toBe(421);
  });

  it('refuses non-JSON bodies, wrong methods and paths outside the renderer folder', async () => {
    const origin = host.shell.url;
    expect((await rawRequest(host.shell.port, '/bridge/app.info', { origin, 'content-type': 'text/plain' }, 'POST', '{}')).status).toBe(415);
    expect((await rawRequest(host.shell.port, '/bridge/app.info', { origin })).status).toBe(405);
    expect((await rawRequest(host.shell.port, '/bridge/app.info', { origin, 'content-type': 'application/json' }, 'POST', '{not json')).status).toBe(400);
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/..%5c..%5cetc%5cpasswd']) {
      const r = await rawRequest(host.shell.port, path, {});
      expect(r.text, path).not.toContain('root:');
    }
    expect((await rawRequest(host.shell.port, '/missing.js', {})).status).toBe(404);
  });

  it('createHttpBridge speaks to the shell (same handlers, validated input)', async () => {
    const bridge = createHttpBridge(host.shell.url, (url, init) =>
      fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: host.shell.url } }),
    );
    expect(await bridge.call('settings.set', { printer: '前台打印机' })).toMatchObject({ ok: true, value: { printer: '前台打印机' } });
    const bad = await bridge.call('settings.set', { serverUrl: 'nope' });
    expect(bad.ok === false && bad.error.code).toBe('bridge.input');
    // The documents service is wired into the browser shell: bad document data gets its own clear error.
    const doc = await bridge.call('documents.render', { document: 'notice', data: {} });
    expect(doc.ok === false && doc.error.code).toMatch(/^documents\.(?!unavailable)/);
    const gone = createHttpBridge('http://127.0.0.1:1');
    const r = await gone.call('app.info', {});
    // Said to a clerk in plain words: no command, no network error (issue 11 finding 12).
    expect(r.ok === false && r.error.message['zh-CN']).toMatch(/与本机的接诉台程序断开了连接.*刷新页面/);
    expect(r.ok === false && `${r.error.message['zh-CN']} ${r.error.message.en}`).not.toMatch(/npm|start:web|HTTP|ECONN|fetch/i);
  });
});
