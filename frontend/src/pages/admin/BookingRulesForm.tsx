import { createEffect, createMemo, createResource, createSignal, Show } from "solid-js";
import { type BookingRules, bookingRulesSchema } from "../../../../shared/domain/booking/booking-rules.ts";
import { ApiError, api } from "../../api/client.ts";
import { apiFieldErrors, createSubmit } from "../../components/form.ts";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { ErrorBox, FormError, Loading } from "../../components/ui.tsx";
import { t } from "../../i18n/index.ts";
import type { PreviewRules } from "./SettingsPreview.tsx";
import { numberOrUndefined, type PathErrors, pathErrors } from "./settingsForm.ts";

/**
 * Minimum notice and the per-consultant daily maximum. `onDraft` hands the valid entries to the
 * preview beside it, so the effect (slots closed too soon, the day's limit) shows while typing.
 */
export function BookingRulesForm(props: { onDraft: (rules: PreviewRules) => void }) {
  const [stored, { refetch, mutate }] = createResource(() => api.call("getBookingRules"));
  return (
    <Show when={!stored.error} fallback={<ErrorBox error={stored.error} retry={() => void refetch()} />}>
      <Show when={stored.latest} fallback={<Loading />}>
        {(rules) => (
          <RulesEditor rules={rules()} onDraft={props.onDraft} onSaved={(saved) => mutate(saved)} />
        )}
      </Show>
    </Show>
  );
}

function RulesEditor(props: {
  rules: BookingRules;
  onDraft: (rules: PreviewRules) => void;
  onSaved: (rules: BookingRules) => void;
}) {
  const [minNotice, setMinNotice] = createSignal(String(props.rules.minNoticeMinutes));
  const [maxPerDay, setMaxPerDay] = createSignal(
    props.rules.maxBookingsPerConsultantPerDay === undefined
      ? ""
      : String(props.rules.maxBookingsPerConsultantPerDay),
  );
  const [showErrors, setShowErrors] = createSignal(false);
  const [serverErrors, setServerErrors] = createSignal<PathErrors>({});
  const checked = createMemo(() => {
    const max = numberOrUndefined(maxPerDay());
    const result = bookingRulesSchema.safeParse({
      minNoticeMinutes: numberOrUndefined(minNotice()),
      ...(max === undefined ? {} : { maxBookingsPerConsultantPerDay: max }),
    });
    return result.success
      ? { data: result.data, errors: {} as PathErrors }
      : { errors: pathErrors(result.error) };
  });
  createEffect(() => {
    const data = checked().data;
    if (data) props.onDraft(data);
  });
  const error = (path: string) => serverErrors()[path] ?? (showErrors() ? checked().errors[path] : undefined);
  const submit = createSubmit({
    describe: (failure) => {
      if (!(failure instanceof ApiError) || Object.keys(failure.fields).length === 0) return undefined;
      setServerErrors(apiFieldErrors(failure) as PathErrors);
      return failure.message;
    },
  });
  function save(event: SubmitEvent) {
    event.preventDefault();
    setShowErrors(true);
    const data = checked().data;
    if (!data) return;
    void submit.run(async () => {
      const saved = await api.call("putBookingRules", { body: data });
      toast(t("admin.rules.saved"));
      setShowErrors(false);
      props.onSaved(saved);
    });
  }
  return (
    <form class="form card rules-form" onSubmit={save} noValidate aria-busy={submit.busy()}>
      <h2>{t("admin.rules.title")}</h2>
      <FormError message={submit.failure()} />
      <div class="row">
        <TextField
          id="rules-minNotice"
          label={t("admin.rules.minNotice")}
          hint={t("admin.rules.minNoticeHint")}
          type="number"
          min="0"
          error={error("minNoticeMinutes")}
          value={minNotice()}
          onValue={(value) => {
            setMinNotice(value);
            setServerErrors({});
          }}
        />
        <TextField
          id="rules-maxPerDay"
          label={t("admin.rules.maxPerDay")}
          hint={t("admin.rules.maxPerDayHint")}
          type="number"
          min="1"
          error={error("maxBookingsPerConsultantPerDay")}
          value={maxPerDay()}
          onValue={(value) => {
            setMaxPerDay(value);
            setServerErrors({});
          }}
        />
      </div>
      <div class="actions">
        <LoaderButton type="submit" busy={submit.busy()}>
          {t("common.save")}
        </LoaderButton>
      </div>
    </form>
  );
}
