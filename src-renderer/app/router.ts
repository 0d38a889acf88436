import { useSyncExternalStore } from 'react';

// A hash router is enough for a desk: routes survive reloads, and the page never navigates away
// (the shell blocks navigation).

export type Route =
  | { name: 'queue' }
  /** `receptionDay` ('YYYY-MM-DD'): book a visitor onto that leaders' reception day (S1-8). */
  | { name: 'intake'; receptionDay?: string }
  | { name: 'case'; id: string }
  | { name: 'callbacks' }
  | { name: 'settings' }
  | { name: 'extra'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, ...rest] = path.split('/');
  switch (head) {
    case '':
    case 'queue':
      return { name: 'queue' };
    case 'intake':
      return rest[0] === 'reception' && /^\d{4}-\d{2}-\d{2}$/.test(rest[1] ?? '') ? { name: 'intake', receptionDay: rest[1] } : { name: 'intake' };
    case 'case':
      return rest[0] ? { name: 'case', id: decodeURIComponent(rest[0]) } : { name: 'queue' };
    case 'callbacks':
      return { name: 'callbacks' };
    case 'settings':
      return { name: 'settings' };
    default:
      return { name: 'extra', path: path };
  }
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'case':
      return `#/case/${encodeURIComponent(route.id)}`;
    case 'extra':
      return `#/${route.path}`;
    case 'intake':
      return route.receptionDay ? `#/intake/reception/${route.receptionDay}` : '#/intake';
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  globalThis.location.hash = hrefOf(route);
}

function subscribe(cb: () => void): () => void {
  globalThis.addEventListener('hashchange', cb);
  return () => globalThis.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => globalThis.location.hash);
  return parseRoute(hash);
}
