import type { JSX } from "solid-js";
import { t } from "../i18n/index.ts";
import { LoaderButton } from "./LoaderButton.tsx";
import { Modal } from "./Modal.tsx";

/** Asks before an action; the confirm button shows progress while `onConfirm` runs. Focus returns to the opener. */
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: JSX.Element;
}) {
  return (
    <Modal title={props.title} onClose={props.onClose}>
      <p>{props.children}</p>
      <DialogActions onCancel={props.onClose} cancelLabel={props.cancelLabel}>
        <LoaderButton class={`button ${props.danger ? "danger" : "primary"}`} onClick={props.onConfirm}>
          {props.confirmLabel}
        </LoaderButton>
      </DialogActions>
    </Modal>
  );
}

/** The cancel button and the main action at the bottom of a dialog. */
export function DialogActions(props: {
  onCancel: () => void;
  cancelLabel?: string | undefined;
  children: JSX.Element;
}) {
  return (
    <div class="actions">
      <button type="button" class="button secondary" onClick={() => props.onCancel()}>
        {props.cancelLabel ?? t("common.cancel")}
      </button>
      {props.children}
    </div>
  );
}
