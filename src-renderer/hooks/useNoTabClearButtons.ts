import { useEffect, type RefObject } from 'react';

// antd renders each select's "clear" icon as a focusable button, which adds a dead Tab stop after every
// filled select. A keyboard-only intake must go field to field, so those buttons leave the Tab order
// (they still work with the mouse; the keyboard clears a select with Backspace).
export function useNoTabClearButtons(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const fix = () => el.querySelectorAll<HTMLElement>('.ant-select-clear').forEach((b) => b.setAttribute('tabindex', '-1'));
    fix();
    const observer = new MutationObserver(fix);
    observer.observe(el, { subtree: true, childList: true });
    return () => observer.disconnect();
  }, [root]);
}
