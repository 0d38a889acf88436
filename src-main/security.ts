// The desk window may show only our own pages (issue 6 "Security"; after Actual Budget's security.ts):
// navigation, redirects, webviews, new windows and permission requests are refused. Typed structurally so
// the rules run against fake web contents in Node tests; index.ts passes Electron's objects.

export interface PreventableEvent {
  preventDefault(): void;
}
/** Electron passes the target in `event.url` (the second argument is deprecated). */
export interface NavigationEvent extends PreventableEvent {
  url: string;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardedSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
}

/** True when `url` is one of the desk's own pages (same origin as the renderer's URL). */
export function isOwnPage(url: string, rendererOrigin: string): boolean {
  try {
    // A blob: URL (the PDF preview) belongs to the origin that created it.
    const u = new URL(url.startsWith('blob:') ? url.slice(5) : url);
    // Custom schemes such as app:// have an opaque URL.origin, so compare scheme and host instead.
    return `${u.protocol}//${u.host}` === rendererOrigin;
  } catch {
    return false;
  }
}

export interface SecurityLog {
  warn(message: string): void;
}

/** Blocks every way a page could leave the desk or open something else. In-page hash routes stay allowed. */
export function guardWebContents(contents: GuardedContents, rendererOrigin: string, log?: SecurityLog): void {
  const refuseForeign = (kind: string) => (event: NavigationEvent) => {
    if (!isOwnPage(event.url, rendererOrigin)) {
      event.preventDefault();
      log?.warn(`blocked ${kind} to ${String(event.url).slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', refuseForeign('navigation'));
  contents.on('will-frame-navigate', refuseForeign('frame navigation'));
  contents.on('will-redirect', refuseForeign('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log?.warn('blocked webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log?.warn(`blocked window.open of ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}

/** The desk needs no camera, microphone, location, notifications-from-page or anything else. */
export function denyPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
