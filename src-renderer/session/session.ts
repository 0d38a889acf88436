// Who is signed in at this window. Kept in sessionStorage: a reload keeps the clerk signed in, closing
// the window signs them out (a shared desk computer).

const KEY = 'jiesu.staff';

export function readSession(): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeSession(staffId: string | undefined): void {
  try {
    if (staffId) globalThis.sessionStorage?.setItem(KEY, staffId);
    else globalThis.sessionStorage?.removeItem(KEY);
  } catch {
    // Without sessionStorage the sign-in lasts until the page reloads.
  }
}
