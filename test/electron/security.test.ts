import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { denyPermissions, guardWebContents, isOwnPage, type GuardedContents, type GuardedSession } from '../../src-main/security';

// The navigation guard with fake web contents: the desk's own pages stay reachable, nothing else does.

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => emitter.on(event, listener),
    setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => void (openHandler = h),
  } as unknown as GuardedContents;
  const attempt = (event: string, url: string) => {
    const e = {
      url,
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    emitter.emit(event, e);
    return e.prevented ? 'blocked' : 'allowed';
  };
  return { contents, attempt, open: (url: string) => openHandler?.({ url }).action };
}

describe('guardWebContents', () => {
  const warnings: string[] = [];
  const f = fakeContents();
  guardWebContents(f.contents, 'app://desk', { warn: (m) => warnings.push(m) });

  it('blocks navigation, frame navigation and redirects away from the desk', () => {
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(f.attempt(event, 'https://evil.example/phish'), event).toBe('blocked');
      expect(f.attempt(event, 'file:///etc/passwd'), event).toBe('blocked');
      expect(f.attempt(event, 'app://desk.evil/index.html'), event).toBe('blocked');
      expect(f.attempt(event, 'javascript:alert(1)'), event).toBe('blocked');
      expect(f.attempt(event, 'app://desk/index.html#/case/1'), event).toBe('allowed');
    }
    expect(f.attempt('will-frame-navigate', 'blob:app://desk/3f1c')).toBe('allowed');
    expect(warnings.some((w) => w.includes('evil.example'))).toBe(true);
  });

  it('denies every window.open and every webview', () => {
    expect(f.open('https://evil.example/')).toBe('deny');
    expect(f.open('app://desk/index.html')).toBe('deny');
    expect(f.attempt('will-attach-webview', 'ignored')).toBe('blocked');
  });

  it('in development the Vite origin is the desk', () => {
    expect(isOwnPage('http://localhost:5173/#/queue', 'http://localhost:5173')).toBe(true);
    expect(isOwnPage('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isOwnPage('not a url', 'app://desk')).toBe(false);
  });
});

describe('denyPermissions', () => {
  it("allows the camera (video only) to the desk's own pages for 拍照, and nothing else to anyone", () => {
    let request: GuardedSession['setPermissionRequestHandler'] extends (h: infer H) => void ? H : never = () => undefined;
    let check: GuardedSession['setPermissionCheckHandler'] extends (h: infer H) => void ? H : never = () => true;
    denyPermissions({ setPermissionRequestHandler: (h) => void (request = h), setPermissionCheckHandler: (h) => void (check = h) }, 'app://desk');
    const asked = (permission: string, details: { requestingUrl?: string; mediaTypes?: string[] }) => {
      const cb = vi.fn();
      request({}, permission, cb, details);
      return cb.mock.calls[0]?.[0] as boolean;
    };
    expect(asked('media', { requestingUrl: 'app://desk/index.html#/case/1', mediaTypes: ['video'] })).toBe(true);
    expect(asked('media', { requestingUrl: 'app://desk/index.html', mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(asked('media', { requestingUrl: 'app://desk/index.html', mediaTypes: ['audio'] })).toBe(false);
    expect(asked('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    expect(asked('media', { requestingUrl: 'app://desk/index.html' })).toBe(false);
    expect(asked('geolocation', { requestingUrl: 'app://desk/index.html' })).toBe(false);
    expect(check({}, 'media', 'app://desk', { mediaType: 'video' })).toBe(true);
    expect(check({}, 'media', 'app://desk', { mediaType: 'audio' })).toBe(false);
    expect(check({}, 'media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
  });

  it('answers no to every permission request and check', () => {
    let request: GuardedSession['setPermissionRequestHandler'] extends (h: infer H) => void ? H : never = () => undefined;
    let check: (c: unknown, p: string) => boolean = () => true;
    denyPermissions({ setPermissionRequestHandler: (h) => void (request = h), setPermissionCheckHandler: (h) => void (check = h) });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check({}, permission)).toBe(false);
    }
  });
});
