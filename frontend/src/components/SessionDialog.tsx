import { createSignal } from "solid-js";
import { ApiError } from "../api/client.ts";
import { t } from "../i18n/index.ts";
import { login } from "../session.ts";
import { DialogActions } from "./ConfirmDialog.tsx";
import { createSubmit } from "./form.ts";
import { LoaderButton } from "./LoaderButton.tsx";
import { Modal } from "./Modal.tsx";
import { TextField } from "./TextField.tsx";
import { FormError } from "./ui.tsx";

/**
 * Signing in again over the page when the session ran out mid-work: the page
 * (and an open booking dialog with its draft) stays, and the request that
 * found the session gone is sent again afterwards. Only the same user may
 * continue: someone else's work must not be sent under their name.
 */
export function SessionDialog(props: { username: string; onDone: (signedIn: boolean) => void }) {
  const [password, setPassword] = createSignal("");
  const [missing, setMissing] = createSignal(false);
  const submission = createSubmit({
    describe: (error) => {
      if (!(error instanceof ApiError)) return undefined;
      if (error.status === 401) return t("login.failed");
      if (error.status === 429)
        return t("login.throttled", {
          minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 900) / 60)),
        });
      return undefined;
    },
  });
  function submit(event: SubmitEvent) {
    event.preventDefault();
    setMissing(!password());
    if (!password()) return;
    void submission.run(async () => {
      await login(props.username, password());
      props.onDone(true);
    });
  }
  return (
    <Modal title={t("session.title")} onClose={() => props.onDone(false)}>
      <form class="form" onSubmit={submit} noValidate>
        <p>{t("session.text", { name: props.username })}</p>
        <FormError message={submission.failure()} />
        <input type="hidden" name="username" autocomplete="username" value={props.username} />
        <TextField
          id="session-password"
          name="password"
          type="password"
          autocomplete="current-password"
          autofocus
          label={t("login.password")}
          error={missing() ? t("login.required") : undefined}
          value={password()}
          onValue={setPassword}
        />
        <DialogActions onCancel={() => props.onDone(false)} cancelLabel={t("session.toLogin")}>
          <LoaderButton type="submit" busy={submission.busy()} busyLabel={t("login.submitting")}>
            {t("session.continue")}
          </LoaderButton>
        </DialogActions>
      </form>
    </Modal>
  );
}
