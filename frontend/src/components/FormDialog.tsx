import type { JSX } from "solid-js";
import { t } from "../i18n/index.ts";
import { DialogActions } from "./ConfirmDialog.tsx";
import { LoaderButton } from "./LoaderButton.tsx";
import { Modal } from "./Modal.tsx";
import { FormError } from "./ui.tsx";

/** A dialog around one form: its failure on top, cancel and a submit button that shows progress below. */
export function FormDialog(props: {
  title: string;
  /** The form's submit state (`createSubmit`). */
  submit: { busy: () => boolean; failure: () => string | undefined };
  /** Default: "Speichern". */
  submitLabel?: string;
  onSubmit: (event: SubmitEvent) => void;
  onClose: () => void;
  children: JSX.Element;
}) {
  return (
    <Modal title={props.title} onClose={props.onClose}>
      <form
        class="form"
        onSubmit={(event) => props.onSubmit(event)}
        noValidate
        aria-busy={props.submit.busy()}
      >
        <FormError message={props.submit.failure()} />
        {props.children}
        <DialogActions onCancel={props.onClose}>
          <LoaderButton type="submit" busy={props.submit.busy()}>
            {props.submitLabel ?? t("common.save")}
          </LoaderButton>
        </DialogActions>
      </form>
    </Modal>
  );
}
