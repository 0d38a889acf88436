import { readFile } from 'node:fs/promises';
import { resolveRendererFile } from './renderer-files';

// The desktop app loads its pages from app://desk/… instead of file://, so every page and asset carries the
// same security headers (CSP above all) the browser shell sends, and the renderer has a real origin that
// the IPC sender check and the navigation guard compare against.

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://desk`;

export function rendererProtocolHandler(rendererDir: string, headers: () => Record<string, string>) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== 'desk') return new Response('Not found', { status: 404 });
    const found = resolveRendererFile(rendererDir, url.pathname);
    if ('missing' in found) return new Response('未找到 Not found', { status: 404, headers: headers() });
    const body = await readFile(found.file);
    return new Response(body, { status: 200, headers: { ...headers(), 'Content-Type': found.type } });
  };
}
