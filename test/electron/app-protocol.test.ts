import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, rendererProtocolHandler } from '../../src-main/app-protocol';
import { contentSecurityPolicy, securityHeaders } from '../../src-main/csp';
import { trayBadge, trayTooltip } from '../../src-main/tray-label';

// The desktop app's app://desk protocol serves the renderer with the very CSP the browser shell sends.

const dir = mkdtempSync(join(tmpdir(), 'jiesu-app-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>接诉台</title>');
writeFileSync(join(dir, 'app.js'), 'console.log(1)');
const handler = rendererProtocolHandler(dir, () => securityHeaders({ connectOrigins: ['https://jiesu.example.org/sync'] }));

describe('app:// protocol', () => {
  it('serves pages and assets with the CSP, including the configured sync server in connect-src', async () => {
    for (const path of ['/index.html', '/app.js', '/queue']) {
      const r = await handler(new Request(`${APP_ORIGIN}${path}`));
      expect(r.status, path).toBe(200);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toBe(contentSecurityPolicy({ connectOrigins: ['https://jiesu.example.org'] }));
      expect(csp).toContain("connect-src 'self' https://jiesu.example.org https: http://127.0.0.1:* http://localhost:*;");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("script-src 'self';");
    }
    expect((await handler(new Request(`${APP_ORIGIN}/app.js`))).headers.get('content-type')).toMatch(/javascript/);
  });

  it('refuses other hosts and paths outside the renderer folder', async () => {
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handler(new Request(`${APP_ORIGIN}/..%2f..%2fetc%2fpasswd.js`))).status).toBe(404);
  });

  it('the CSP ignores a server URL that is not http(s)', () => {
    expect(contentSecurityPolicy({ connectOrigins: ['javascript:alert(1)', '', 'file:///x', 'http://192.168.1.20:8787/x'] })).toContain(
      "connect-src 'self' http://192.168.1.20:8787 https: http://127.0.0.1:* http://localhost:*;",
    );
  });
});

describe('tray label', () => {
  it('counts warning and breached cases in both languages', () => {
    expect(trayTooltip({ warning: 2, breached: 1 }, 'zh-CN')).toBe('接诉台 — 超时 1 件，临期 2 件');
    expect(trayTooltip({ warning: 0, breached: 0 }, 'en')).toBe('Jiesu — no case near or past its deadline');
    expect(trayBadge({ warning: 60, breached: 50 })).toBe('99+');
    expect(trayBadge({ warning: 0, breached: 0 })).toBe('');
  });
});
