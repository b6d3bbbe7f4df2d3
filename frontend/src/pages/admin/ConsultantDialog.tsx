import { createSignal } from "solid-js";
import type * as z from "zod";
import { type Consultant, consultantInputSchema } from "../../../../shared/contracts/booking.ts";
import { api } from "../../api/client.ts";
import { FormDialog } from "../../components/FormDialog.tsx";
import { createSubmit, type FieldErrors, issuesByField } from "../../components/form.ts";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { t } from "../../i18n/index.ts";

/** Adds a consultant, or edits one (sending only what changed). */
export function ConsultantDialog(props: {
  consultant?: Consultant;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [values, setValues] = createSignal({
    name: props.consultant?.name ?? "",
    calendarId: props.consultant?.calendarId ?? "",
    active: props.consultant?.active ?? true,
  });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const submit = createSubmit({ onFields: setErrors });

  async function send(data: z.output<typeof consultantInputSchema>) {
    const existing = props.consultant;
    if (!existing) {
      const created = await api.call("createConsultant", { body: values() });
      toast(t("admin.consultants.created", { name: created.name }));
      return;
    }
    const body: { name?: string; calendarId?: string; active?: boolean } = {};
    if (data.name !== existing.name) body.name = data.name;
    if (data.calendarId !== existing.calendarId) body.calendarId = data.calendarId;
    if (data.active !== existing.active) body.active = data.active;
    if (Object.keys(body).length > 0)
      await api.call("updateConsultant", { params: { id: existing.id }, body });
    toast(t("admin.saved"));
  }

  function save(event: SubmitEvent) {
    event.preventDefault();
    const parsed = consultantInputSchema.safeParse(values());
    setErrors(parsed.success ? {} : issuesByField(parsed.error));
    if (!parsed.success) return;
    void submit.run(async () => {
      await send(parsed.data);
      props.onSaved();
    });
  }

  return (
    <FormDialog
      title={
        props.consultant
          ? t("admin.consultants.editTitle", { name: props.consultant.name })
          : t("admin.consultants.add")
      }
      submit={submit}
      onSubmit={save}
      onClose={props.onClose}
    >
      <TextField
        id="consultant-name"
        label={t("admin.consultants.name")}
        error={errors().name}
        value={values().name}
        maxlength="80"
        onValue={(name) => setValues({ ...values(), name })}
      />
      <TextField
        id="consultant-calendar"
        label={t("admin.consultants.calendarId")}
        error={errors().calendarId}
        hint={t("admin.consultants.calendarHint")}
        value={values().calendarId}
        maxlength="200"
        spellcheck={false}
        onValue={(calendarId) => setValues({ ...values(), calendarId })}
      />
      <label class="checkbox">
        <input
          type="checkbox"
          checked={values().active}
          onChange={(event) => setValues({ ...values(), active: event.currentTarget.checked })}
        />
        {t("admin.consultants.activeLabel")}
      </label>
      <p class="muted small">{t("admin.consultants.takesEffect")}</p>
    </FormDialog>
  );
}
