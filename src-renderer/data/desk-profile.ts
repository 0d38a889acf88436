/** Several desk profiles can share one computer (?desk=name); each has its own IndexedDB database and server link. */
export function deskProfile(): string {
  const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('desk');
  return fromUrl || 'default';
}
