import { createEffect, createMemo, createResource, createSignal, Show } from "solid-js";
import { type BookingRules, bookingRulesSchema } from "../../../../shared/domain/booking/booking-rules.ts";
import { api } from "../../api/client.ts";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { ErrorBox, FormError, Loading } from "../../components/ui.tsx";
import { t } from "../../i18n/index.ts";
import type { PreviewRules } from "./SettingsPreview.tsx";
import { createFieldErrors, numberOrUndefined, type PathErrors, pathErrors } from "./settingsForm.ts";

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
  const form = createFieldErrors(checked);
  const { submit, setServerErrors, error } = form;
  const save = (event: SubmitEvent) =>
    form.save(event, async (data) => {
      props.onSaved(await api.call("putBookingRules", { body: data }));
      toast(t("admin.rules.saved"));
    });
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
