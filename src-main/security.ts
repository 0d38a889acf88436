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

/** What Electron tells about a permission request (`requestingUrl`, and for media the kinds asked). */
export interface PermissionDetails {
  requestingUrl?: string;
  mediaTypes?: string[];
}

export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: PermissionDetails) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string, requestingOrigin?: string, details?: { mediaType?: string }) => boolean): void;
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

/**
 * The desk needs no microphone, location, notifications-from-page or anything else. The one exception is
 * the camera, for 拍照 on a case's attachments (issue 13): video only, and only for the desk's own pages.
 */
export function denyPermissions(session: GuardedSession, rendererOrigin?: string): void {
  const ownCamera = (permission: string, url: string | undefined, kinds: readonly string[] | undefined) =>
    rendererOrigin !== undefined &&
    permission === 'media' &&
    url !== undefined &&
    isOwnPage(url, rendererOrigin) &&
    !!kinds &&
    kinds.length > 0 &&
    kinds.every((k) => k === 'video');
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(ownCamera(permission, details?.requestingUrl, details?.mediaTypes)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin, details) =>
    ownCamera(permission, origin, details?.mediaType ? [details.mediaType] : undefined),
  );
}
