import { createUniqueId, type JSX, onCleanup } from "solid-js";
import { t } from "../i18n/index.ts";

/**
 * A modal dialog on the native <dialog>: focus trap and Esc come with it. When it goes away, focus
 * returns to the control that opened it (when that control is still on the page).
 */
export function Modal(props: {
  title: string;
  onClose: () => void;
  /** When given, Esc and × ask the owner instead of closing (e.g. "discard what you typed?"). */
  onDismiss?: () => void;
  children: JSX.Element;
}) {
  let dialog: HTMLDialogElement | undefined;
  // Unique: a dialog may open over another (e.g. "discard?"), and each must be named by its own title.
  const titleId = `modal-title-${createUniqueId()}`;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  let disposed = false;
  // Opened once it is in the document: under a pending Suspense boundary (a page still loading
  // its data) the element is created before it is attached, and showModal() would throw.
  const open = () => {
    if (disposed || !dialog || dialog.open) return;
    if (dialog.isConnected) dialog.showModal();
    else requestAnimationFrame(open);
  };
  onCleanup(() => {
    disposed = true;
    // While the dialog is modal the rest of the page is inert: close it before moving focus back.
    if (dialog?.open) dialog.close();
    if (opener?.isConnected) opener.focus();
  });
  return (
    <dialog
      ref={(element) => {
        dialog = element;
        queueMicrotask(open);
      }}
      class="modal"
      aria-labelledby={titleId}
      onClose={() => props.onClose()}
      onCancel={(event) => {
        if (!props.onDismiss) return;
        event.preventDefault();
        props.onDismiss();
      }}
    >
      <header class="modal-header">
        <h2 id={titleId}>{props.title}</h2>
        <button
          type="button"
          class="icon-button"
          aria-label={t("common.close")}
          onClick={() => (props.onDismiss ? props.onDismiss() : dialog?.close())}
        >
          ×
        </button>
      </header>
      {props.children}
    </dialog>
  );
}
