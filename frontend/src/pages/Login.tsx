import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, onMount, Show } from "solid-js";
import { ApiError } from "../api/client.ts";
import { errorMessage, Field, Spinner } from "../components/ui.tsx";
import { t } from "../i18n/index.ts";
import { login, user } from "../session.ts";

export function LoginPage() {
  const [search] = useSearchParams<{ next?: string; expired?: string }>();
  const navigate = useNavigate();
  const [username, setUsername] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [touched, setTouched] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string>();

  const nextPath = () => (search.next?.startsWith("/") && !search.next.startsWith("//") ? search.next : "/");
  // Already signed in (e.g. the back button): go on to where the login would lead.
  onMount(() => {
    if (user()) navigate(nextPath(), { replace: true });
  });

  const missing = (value: string) => (touched() && !value.trim() ? t("login.required") : undefined);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setTouched(true);
    if (!username().trim() || !password()) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await login(username(), password());
      navigate(nextPath(), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setFailure(t("login.failed"));
      else if (error instanceof ApiError && error.status === 429) {
        setFailure(
          t("login.throttled", { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 900) / 60)) }),
        );
      } else setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="page narrow">
      <form class="card form" onSubmit={submit} noValidate aria-busy={busy()}>
        <h1>{t("login.title")}</h1>
        <p class="muted">{t("login.intro")}</p>
        <Show when={search.expired && !failure()}>
          <div class="notice info" role="status">
            {t("login.expired")}
          </div>
        </Show>
        <Show when={failure()}>
          <div class="notice error" role="alert">
            {failure()}
          </div>
        </Show>
        <Field id="username" label={t("login.username")} error={missing(username())}>
          <input
            id="username"
            name="username"
            autocomplete="username"
            autofocus
            value={username()}
            onInput={(event) => setUsername(event.currentTarget.value)}
          />
        </Field>
        <Field id="password" label={t("login.password")} error={missing(password())}>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            value={password()}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button primary wide" disabled={busy()}>
          <Show when={busy()} fallback={t("login.submit")}>
            <Spinner label={t("login.submitting")} /> {t("login.submitting")}
          </Show>
        </button>
        <A href="/status" class="muted small-link">
          {t("login.statusLink")}
        </A>
      </form>
    </section>
  );
}
