import { useCallback, useRef, type KeyboardEvent } from 'react';
import { Modal, type ButtonProps, type ModalProps } from 'antd';

// Every dialog a clerk types into (issue 11). antd's focus trap (lockFocus in @rc-component/util) puts the
// cursor on the dialog's first focusable element, the × in its corner, where Enter closes the dialog and
// typing goes nowhere; antd has no option to aim it (Modal's `focusable` is only trap and
// focusTriggerAfterClose, `autoFocusButton` is Modal.confirm's). So the cursor goes to the field marked
// data-dialog-focus, else the first field, else (a dialog without fields) the primary button. Fields that
// appear later (a file still being prepared, a camera warming up) get it when they come, unless the person
// has moved the cursor meanwhile. Ctrl+Enter presses the primary button from anywhere in the dialog.

const FIELD = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), [tabindex="0"]';

/** Where the cursor starts in the dialog whose body is `box`. */
function startOf(box: HTMLElement): HTMLElement | null {
  const marked = box.querySelector<HTMLElement>('[data-dialog-focus]');
  const field = marked?.matches(FIELD) ? marked : (marked?.querySelector<HTMLElement>(FIELD) ?? box.querySelector<HTMLElement>(FIELD));
  return field ?? box.closest('[role=dialog]')?.querySelector<HTMLElement>('[data-dialog-ok]:not([disabled])') ?? null;
}

/**
 * Puts the cursor at the start of the dialog, now or when that place appears, unless it is already in the
 * body (the person clicked into a field) or moves meanwhile. Returns what stops the waiting.
 */
function placeCursor(box: HTMLElement): () => void {
  if (box.contains(document.activeElement)) return () => undefined;
  const leftAt = document.activeElement;
  const place = () => {
    if (document.activeElement !== leftAt) return true;
    const start = startOf(box);
    start?.focus();
    return !!start;
  };
  if (place()) return () => undefined;
  const waiting = new MutationObserver(() => place() && waiting.disconnect());
  waiting.observe(box.closest('[role=dialog]') ?? box, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'] });
  return () => waiting.disconnect();
}

export type FormDialogProps = Omit<ModalProps, 'open' | 'onOk' | 'afterOpenChange' | 'destroyOnHidden'> & { onOk: () => unknown };

/** An antd Modal, open while mounted, that starts with the cursor in its first field. */
export function FormDialog({ onOk, okButtonProps, confirmLoading, wrapProps, children, ...modal }: FormDialogProps) {
  const body = useRef<HTMLDivElement>(null);
  const stopWaiting = useRef<() => void>(undefined);
  // A second Ctrl+Enter while the first one's save is still running does not save again.
  const pressing = useRef(false);

  // As soon as the dialog's body is there (typing during its zoom-in lands in the field; the body comes in
  // a portal after this component mounts), and again once it has opened: the focus trap may have taken the
  // cursor to the × in between.
  const startAgain = (open: boolean) => {
    stopWaiting.current?.();
    stopWaiting.current = open && body.current ? placeCursor(body.current) : undefined;
  };
  const bodyAppeared = useCallback((box: HTMLDivElement | null) => {
    body.current = box;
    if (!box) return;
    stopWaiting.current = placeCursor(box);
    return () => stopWaiting.current?.();
  }, []);

  // Taken on the way down, before a list (antd Select) can take the Enter to open itself and mark it handled;
  // only from inside this dialog (a dialog opened from it is a portal elsewhere in the page).
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    wrapProps?.onKeyDownCapture?.(e);
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.nativeEvent.isComposing || !e.currentTarget.contains(e.target as Node)) return;
    e.preventDefault();
    e.stopPropagation();
    if (okButtonProps?.disabled || confirmLoading || pressing.current) return;
    pressing.current = true;
    void Promise.resolve(onOk()).finally(() => (pressing.current = false));
  };

  return (
    <Modal
      {...modal}
      open
      destroyOnHidden
      onOk={() => void onOk()}
      confirmLoading={confirmLoading}
      okButtonProps={{ ...okButtonProps, 'data-dialog-ok': '' } as ButtonProps}
      wrapProps={{ ...wrapProps, onKeyDownCapture }}
      afterOpenChange={startAgain}
    >
      <div ref={bodyAppeared}>{children}</div>
    </Modal>
  );
}
