import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, onMount, Show } from "solid-js";
import { ApiError } from "../api/client.ts";
import { createSubmit } from "../components/form.ts";
import { LoaderButton } from "../components/LoaderButton.tsx";
import { TextField } from "../components/TextField.tsx";
import { FormError } from "../components/ui.tsx";
import { t } from "../i18n/index.ts";
import { login, user } from "../session.ts";

export function LoginPage() {
  const [search] = useSearchParams<{ next?: string; expired?: string }>();
  const navigate = useNavigate();
  const [username, setUsername] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [touched, setTouched] = createSignal(false);
  const submission = createSubmit({
    describe: (error) => {
      if (!(error instanceof ApiError)) return undefined;
      if (error.status === 401) return t("login.failed");
      if (error.status !== 429) return undefined;
      return t("login.throttled", { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 900) / 60)) });
    },
  });

  const nextPath = () => (search.next?.startsWith("/") && !search.next.startsWith("//") ? search.next : "/");
  // Already signed in (e.g. the back button): go on to where the login would lead.
  onMount(() => {
    if (user()) navigate(nextPath(), { replace: true });
  });

  const missing = (value: string) => (touched() && !value.trim() ? t("login.required") : undefined);

  const field = (
    id: "username" | "password",
    value: () => string,
    set: (value: string) => void,
    autocomplete: string,
  ) => (
    <TextField
      id={id}
      name={id}
      type={id === "password" ? "password" : "text"}
      autocomplete={autocomplete}
      autofocus={id === "username"}
      label={t(`login.${id}`)}
      error={missing(value())}
      value={value()}
      onValue={set}
    />
  );

  function submit(event: SubmitEvent) {
    event.preventDefault();
    setTouched(true);
    if (!username().trim() || !password()) return;
    void submission.run(async () => {
      await login(username(), password());
      navigate(nextPath(), { replace: true });
    });
  }

  return (
    <section class="page narrow">
      <form class="card form" onSubmit={submit} noValidate aria-busy={submission.busy()}>
        <h1>{t("login.title")}</h1>
        <p class="muted">{t("login.intro")}</p>
        <Show when={search.expired && !submission.failure()}>
          <div class="notice info" role="status">
            {t("login.expired")}
          </div>
        </Show>
        <FormError message={submission.failure()} />
        {field("username", username, setUsername, "username")}
        {field("password", password, setPassword, "current-password")}
        <LoaderButton
          type="submit"
          class="button primary wide"
          busy={submission.busy()}
          busyLabel={t("login.submitting")}
        >
          {t("login.submit")}
        </LoaderButton>
        <A href="/status" class="muted small-link">
          {t("login.statusLink")}
        </A>
      </form>
    </section>
  );
}
