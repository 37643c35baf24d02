/**
 * A native modal <dialog>, opened with showModal(): the browser keeps focus inside it, makes the
 * rest of the page inert and closes it on Esc. Its window sits in the top layer, above the lab.
 * React owns whether it is open (the store's overlay): the dialog opens when mounted, and a close
 * the browser makes on its own (Esc, a second Esc) is reported through onClose.
 */
import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type Ref } from 'react';

interface Props {
  /** Id of the dialog's heading, which names it. */
  labelledBy: string;
  className: string;
  testId: string;
  /** False while the dialog must stay (an export being drawn): Esc and the backdrop do nothing. */
  closable?: boolean;
  onClose: () => void;
  dialogRef?: Ref<HTMLDialogElement>;
  /** Extra data-* attributes for tests. */
  data?: Record<string, string>;
  children: ReactNode;
}

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Tab past the last control comes back to the first (and Shift+Tab the other way): a modal
 * dialog alone would let focus leave for the browser's own bar.
 */
function keepFocusInside(dialog: HTMLDialogElement, event: KeyboardEvent<HTMLDialogElement>): void {
  if (event.key !== 'Tab') return;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !dialog.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

export function ModalDialog({ labelledBy, className, testId, closable = true, onClose, dialogRef, data, children }: Props) {
  const ref = useRef<HTMLDialogElement | null>(null);
  const latest = useRef({ closable, onClose });
  latest.current = { closable, onClose };
  const leaving = useRef(false);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    leaving.current = false;
    if (!dialog.open) dialog.showModal();
    return () => {
      leaving.current = true;
      if (dialog.open) dialog.close();
    };
  }, []);

  const setRef = (node: HTMLDialogElement | null): void => {
    ref.current = node;
    if (typeof dialogRef === 'function') dialogRef(node);
    else if (dialogRef) (dialogRef as { current: HTMLDialogElement | null }).current = node;
  };

  const dataAttributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <dialog
      ref={setRef}
      className="modal"
      aria-labelledby={labelledBy}
      data-testid={testId}
      {...dataAttributes}
      onCancel={(event) => {
        // Esc: the store decides (it keeps the dialog while an export is drawn).
        event.preventDefault();
        if (latest.current.closable) latest.current.onClose();
      }}
      onClose={() => {
        if (leaving.current) return;
        // The browser closed it anyway (a repeated Esc cannot always be refused): follow, or reopen.
        if (latest.current.closable) latest.current.onClose();
        else ref.current?.showModal();
      }}
      onKeyDown={(event) => keepFocusInside(event.currentTarget, event)}
      // A press on the backdrop lands on the <dialog> itself; its window is the child.
      onMouseDown={(event) => {
        if (event.target === event.currentTarget && latest.current.closable) latest.current.onClose();
      }}
    >
      <div className={className}>{children}</div>
    </dialog>
  );
}
