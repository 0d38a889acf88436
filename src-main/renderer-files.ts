import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

// Maps a request path to a file of the built renderer, for the Electron app:// protocol and the browser
// shell alike. Paths that escape the folder are refused; paths without a file extension are client-side
// routes and get index.html.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeOf(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type RendererFile = { file: string; type: string } | { missing: true };

export function resolveRendererFile(root: string, urlPath: string): RendererFile {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]?.split('#')[0] ?? '/');
  } catch {
    return { missing: true };
  }
  if (decoded.includes('\0')) return { missing: true };
  const base = resolve(root);
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const candidate = resolve(base, relative || 'index.html');
  if (candidate !== base && !candidate.startsWith(base + sep)) return { missing: true };
  if (existsSync(candidate) && statSync(candidate).isFile()) return { file: candidate, type: contentTypeOf(candidate) };
  if (extname(candidate) === '') {
    const index = join(base, 'index.html');
    if (existsSync(index)) return { file: index, type: contentTypeOf(index) };
  }
  return { missing: true };
}
