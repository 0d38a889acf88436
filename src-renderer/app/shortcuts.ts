import { useEffect } from 'react';
import { navigate } from './router';

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
    return () => globalThis.removeEventListener('keydown', onKey);
  }, []);
}
