import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** A step that takes something away (withdrawing) styles its button as danger. */
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal confirmation (applicants and staff): the native modal dialog makes the page behind it
 * inert; Tab and Shift+Tab also wrap inside it, so keyboard focus cannot leave it, Escape
 * cancels, and focus returns to where it was when the dialog closes.
 */
export function ConfirmDialog(p: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current!;
    const before = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    // The safe choice first: Enter on an unread dialog must not confirm.
    d.querySelector<HTMLButtonElement>('button[data-cancel]')?.focus();
    return () => {
      if (d.open) d.close();
      before?.focus();
    };
  }, []);
  const onKeyDown = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const all = [
      ...e.currentTarget.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], [tabindex="0"]'),
    ];
    const first = all[0];
    const last = all[all.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${id}-h`}
      aria-describedby={`${id}-b`}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        p.onCancel();
      }}
    >
      <h2 id={`${id}-h`}>{p.title}</h2>
      <div id={`${id}-b`} className="confirm-body">
        {p.children}
      </div>
      <div className="row confirm-buttons">
        <button type="button" data-cancel onClick={p.onCancel}>
          {p.cancelLabel}
        </button>
        <button
          type="button"
          className={p.danger ? 'danger' : 'primary'}
          disabled={p.busy}
          onClick={p.onConfirm}
        >
          {p.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
