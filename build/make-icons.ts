import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

// Draws the app icon (a blue rounded square with 诉 in Noto Sans SC Bold and an amber timer dot) in headless
// Chromium at every size the installers need, and packs icon.png, icon.ico (PNG entries) and icon.icns.
// Run: npx tsx build/make-icons.ts  — the outputs are committed, so packaging needs no browser.

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const out = resolve(import.meta.dirname ?? dirname(new URL(import.meta.url).pathname));

function iconHtml(size: number, fontUrl: string): string {
  return `<!doctype html><html><head><style>
@font-face { font-family: IconFont; src: url('${fontUrl}'); }
html, body { margin: 0; width: ${size}px; height: ${size}px; background: transparent; }
.tile { position: absolute; inset: ${size * 0.04}px; border-radius: ${size * 0.22}px;
  background: linear-gradient(155deg, #4096ff 0%, #1677ff 45%, #0b4bc4 100%);
  box-shadow: inset 0 ${-size * 0.02}px ${size * 0.04}px rgba(0,0,0,.18); }
.glyph { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  font-family: IconFont; font-weight: 700; color: #fff; font-size: ${size * 0.52}px; line-height: 1;
  transform: translateY(${size * 0.03}px); }
.dot { position: absolute; width: ${size * 0.16}px; height: ${size * 0.16}px; right: ${size * 0.06}px; top: ${size * 0.06}px;
  border-radius: 50%; background: #faad14; box-shadow: 0 0 0 ${Math.max(1, size * 0.025)}px #fff; }
</style></head><body><div class="tile"><div class="glyph">诉</div>${size >= 32 ? '<div class="dot"></div>' : ''}</div></body></html>`;
}

function ico(pngs: Map<number, Buffer>): Buffer {
  const sizes = [16, 24, 32, 48, 64, 128, 256].filter((s) => pngs.has(s));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((s, i) => {
    const png = pngs.get(s) as Buffer;
    const e = 6 + 16 * i;
    header.writeUInt8(s >= 256 ? 0 : s, e);
    header.writeUInt8(s >= 256 ? 0 : s, e + 1);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...sizes.map((s) => pngs.get(s) as Buffer)]);
}

function icns(pngs: Map<number, Buffer>): Buffer {
  const types: [string, number][] = [
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
  ];
  const chunks = types.map(([type, size]) => {
    const png = pngs.get(size) as Buffer;
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const fontFile = join(dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json')), '700Bold', 'NotoSansSC_700Bold.ttf');
  const work = mkdtempSync(join(tmpdir(), 'jiesu-icons-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
  });
  const pngs = new Map<number, Buffer>();
  try {
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const html = join(work, `icon-${size}.html`);
      writeFileSync(html, iconHtml(size, pathToFileURL(fontFile).href));
      await page.goto(pathToFileURL(html).href);
      await page.evaluate(() => document.fonts.ready);
      pngs.set(size, await page.screenshot({ omitBackground: true, type: 'png' }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  mkdirSync(join(out, 'icons'), { recursive: true });
  writeFileSync(join(out, 'icon.png'), pngs.get(512) as Buffer);
  for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(out, 'icons', `${size}x${size}.png`), pngs.get(size) as Buffer);
  writeFileSync(join(out, 'icon.ico'), ico(pngs));
  writeFileSync(join(out, 'icon.icns'), icns(pngs));
  process.stdout.write(`icons written to ${out}\n`);
}

await main();
