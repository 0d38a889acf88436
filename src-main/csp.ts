// The one Content-Security-Policy of the desk, served by the Electron app:// protocol and by the browser
// shell alike (issue 6 "Security"). No 'unsafe-eval' anywhere: the desk validates with zod (no code
// generation) and RxDB runs without its eval-based JSON-schema validator.
//
// Why each relaxation exists:
// - style-src 'unsafe-inline': antd's CSS-in-JS injects <style> elements at run time; styles cannot run code.
// - img-src data: blob:   drawn signatures (signature_pad PNG data URLs) and QR codes.
// - connect-src: the page's own origin (the browser shell's bridge), the configured sync server, any https:
//   server (a desk can join a server before it is saved in settings) and a server on this computer. A plain
//   http:// server elsewhere on the LAN is reachable once saved as serverUrl (settings.set) and the page reloaded.
// The `sandbox` directive (no allow-popups, no allow-top-navigation*) makes Chromium refuse window.open and
// target=_blank even in a plain browser, where the Electron window-open handler does not exist.

export const SANDBOX_FLAGS = ['allow-scripts', 'allow-same-origin', 'allow-forms', 'allow-modals', 'allow-downloads'] as const;

/** Origin (scheme://host:port) of a URL, or undefined when it is not an http(s) URL. */
export function httpOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

export interface CspOptions {
  /** Origins the page may talk to besides itself: the sync server. */
  connectOrigins?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const configured = (options.connectOrigins ?? []).map(httpOrigin).filter((o): o is string => o !== undefined);
  const connect = ["'self'", ...configured, 'https:', 'http://127.0.0.1:*', 'http://localhost:*'];
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', [...new Set(connect)]],
    // The PDF preview draws pages with pdf.js on canvases (Chromium's PDF viewer does not run in a sandboxed
    // frame), so no frame needs blob: or data: content.
    ['frame-src', ["'self'"]],
    ['worker-src', ["'self'", 'blob:']],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['sandbox', [...SANDBOX_FLAGS]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Headers sent with every page and asset of the desk, in both shells. */
export function securityHeaders(options: CspOptions = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    // The camera for 拍照 (issue 13), to the desk's own pages only (self); nothing else.
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=()',
  };
}
