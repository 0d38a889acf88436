import { useEffect } from 'react';
import { navigate } from './router';
import { onHostEvent } from '../bridge/host';

// 快速登记 opens from anywhere with F2 or Ctrl+N (the host can also send 'intake.open' from the tray).
export function isIntakeShortcut(e: KeyboardEvent): boolean {
  return e.key === 'F2' || ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'n');
}

export function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isIntakeShortcut(e)) {
        e.preventDefault();
        navigate({ name: 'intake' });
      }
    };
    globalThis.addEventListener('keydown', onKey);
    // The tray's "new intake" and the host's navigation requests arrive as host events.
    const offIntake = onHostEvent('intake.open', () => navigate({ name: 'intake' }));
    return () => {
      globalThis.removeEventListener('keydown', onKey);
      void offIntake.then((off) => off());
    };
  }, []);
}
