import { createResource, createSignal, For, Index, Show } from "solid-js";
import type { TelefonieTeamWeekView, TelefonieWeekView } from "../../../../shared/contracts/telefonie.ts";
import {
  telefonieEntryInputSchema,
  telefonieGoalSchema,
  telefonieKinds,
} from "../../../../shared/domain/telefonie/week.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { createSubmit, type FieldErrors, issuesByField } from "../../components/form.ts";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { RowActions, Table } from "../../components/Table.tsx";
import { toast } from "../../components/toast.tsx";
import { Field, FormError } from "../../components/ui.tsx";
import { formatNumber, issueText, t } from "../../i18n/index.ts";
import { tCountFormatted } from "../../i18n/plural.ts";
import { currentWeek, formatRate, points, StatusPill, TrendChart, WeekPicker } from "./TelefonieParts.tsx";

type Entry = TelefonieWeekView["entries"][number];

/** Goal (prefilled with the suggestion) and vacation of one participant's week. */
function GoalForm(props: { week: TelefonieWeekView; onSaved: () => void }) {
  const id = () => `goal-${props.week.username}`;
  const [goal, setGoal] = createSignal(String(props.week.goal ?? props.week.suggestion));
  const [vacation, setVacation] = createSignal(props.week.vacation);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const submit = createSubmit({ onFields: setErrors });
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    const body = vacation()
      ? { vacation: true }
      : { goal: Number(goal().replace(",", ".")), vacation: false };
    if (!vacation()) {
      const checked = telefonieGoalSchema.safeParse(goal().trim() === "" ? undefined : body.goal);
      if (!checked.success) {
        setErrors({ goal: issueText(checked.error.issues[0]!) });
        return;
      }
    }
    setErrors({});
    void submit.run(async () => {
      await api.call("putTelefonieGoal", {
        params: { isoWeek: props.week.isoWeek, username: props.week.username },
        body,
      });
      toast(t("telefonie.goalSaved"));
      props.onSaved();
    });
  };
  return (
    <form class="participant-grid" onSubmit={save} noValidate aria-busy={submit.busy()}>
      <Field
        id={id()}
        label={t("telefonie.goal")}
        error={errors().goal}
        hint={`${t("telefonie.suggestion", { value: formatNumber(props.week.suggestion) })} – ${t("telefonie.suggestionHint")}`}
      >
        <input
          id={id()}
          inputmode="decimal"
          value={goal()}
          disabled={vacation()}
          aria-invalid={Boolean(errors().goal)}
          aria-describedby={errors().goal ? `${id()}-error` : `${id()}-hint`}
          onInput={(event) => setGoal(event.currentTarget.value)}
        />
      </Field>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={vacation()}
          onChange={(event) => setVacation(event.currentTarget.checked)}
        />
        {t("telefonie.vacation")}
      </label>
      <LoaderButton type="submit" class="button secondary" busy={submit.busy()}>
        {t("telefonie.saveGoal")}
      </LoaderButton>
      <FormError message={submit.failure()} />
    </form>
  );
}

/** A new activity, or a change of one (with `entry`). */
function EntryForm(props: {
  week: TelefonieWeekView;
  entry?: Entry;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const prefix = () => `${props.entry ? `edit-${props.entry.id}` : `new-${props.week.username}`}`;
  const [kind, setKind] = createSignal<string>(props.entry?.kind ?? "T1");
  const [value, setValue] = createSignal(props.entry ? String(props.entry.points) : "");
  const [note, setNote] = createSignal(props.entry?.note ?? "");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const submit = createSubmit({ onFields: setErrors });
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    const input = {
      kind: kind(),
      points: value().trim() === "" ? undefined : Number(value().replace(",", ".")),
      ...(note().trim() ? { note: note().trim() } : {}),
    };
    const checked = telefonieEntryInputSchema.safeParse(input);
    if (!checked.success) {
      setErrors(issuesByField(checked.error));
      return;
    }
    setErrors({});
    void submit.run(async () => {
      const params = { isoWeek: props.week.isoWeek, username: props.week.username };
      if (props.entry) {
        await api.call("updateTelefonieEntry", {
          params: { ...params, entryId: props.entry.id },
          body: checked.data,
        });
        toast(t("telefonie.entryUpdated"));
      } else {
        await api.call("createTelefonieEntry", { params, body: checked.data });
        toast(t("telefonie.entryAdded"));
        setValue("");
        setNote("");
      }
      props.onSaved();
    });
  };
  return (
    <form class="participant-grid" onSubmit={save} noValidate aria-busy={submit.busy()}>
      <Field id={`${prefix()}-kind`} label={t("telefonie.kind")} error={errors().kind}>
        <select
          id={`${prefix()}-kind`}
          value={kind()}
          onChange={(event) => setKind(event.currentTarget.value)}
        >
          <For each={telefonieKinds}>{(option) => <option value={option}>{option}</option>}</For>
        </select>
      </Field>
      <Field id={`${prefix()}-points`} label={t("telefonie.points")} error={errors().points}>
        <input
          id={`${prefix()}-points`}
          inputmode="decimal"
          value={value()}
          size="6"
          aria-invalid={Boolean(errors().points)}
          aria-describedby={errors().points ? `${prefix()}-points-error` : undefined}
          onInput={(event) => setValue(event.currentTarget.value)}
        />
      </Field>
      <Field id={`${prefix()}-note`} label={t("telefonie.note")} error={errors().note}>
        <input
          id={`${prefix()}-note`}
          value={note()}
          maxlength="200"
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </Field>
      <LoaderButton type="submit" class="button primary" busy={submit.busy()}>
        {props.entry ? t("common.save") : t("telefonie.addEntry")}
      </LoaderButton>
      <Show when={props.onCancel}>
        <button type="button" class="button secondary" onClick={() => props.onCancel?.()}>
          {t("common.cancel")}
        </button>
      </Show>
      <FormError message={submit.failure()} />
    </form>
  );
}

function ParticipantCard(props: { week: TelefonieWeekView; onChanged: () => void }) {
  const [editing, setEditing] = createSignal<string>();
  const [deleting, setDeleting] = createSignal<Entry>();
  const name = () => props.week.displayName ?? props.week.username;
  return (
    <section class="card participant-card" data-participant={props.week.username}>
      <h3>
        {name()}
        <StatusPill status={props.week.status} />
      </h3>
      <ul class="figures">
        <li>
          {t("telefonie.goal")}
          <strong>{props.week.vacation ? t("telefonie.vacation") : points(props.week.goal)}</strong>
        </li>
        <li>
          {t("telefonie.achieved")}
          <strong>{points(props.week.achieved)}</strong>
        </li>
        <li>
          {t("telefonie.remaining")}
          <strong>{points(props.week.remaining)}</strong>
        </li>
        <li>
          {t("telefonie.balance")}
          <strong>{points(props.week.balance)}</strong>
        </li>
        <li>
          {t("telefonie.rate")}
          <strong>{formatRate(props.week.rate)}</strong>
        </li>
      </ul>
      <GoalForm week={props.week} onSaved={props.onChanged} />
      <Show when={!props.week.vacation} fallback={<p class="muted">{t("telefonie.vacationWeek")}</p>}>
        <Show when={props.week.entries.length > 0} fallback={<p class="muted">{t("telefonie.noEntries")}</p>}>
          <Table columns={[t("telefonie.kind"), t("telefonie.points"), t("telefonie.note")]} actions>
            <For each={props.week.entries}>
              {(entry) => (
                <Show
                  when={editing() !== entry.id}
                  fallback={
                    <tr>
                      <td colspan="4">
                        <EntryForm
                          week={props.week}
                          entry={entry}
                          onSaved={() => {
                            setEditing(undefined);
                            props.onChanged();
                          }}
                          onCancel={() => setEditing(undefined)}
                        />
                      </td>
                    </tr>
                  }
                >
                  <tr data-entry={entry.id}>
                    <td>{entry.kind}</td>
                    <td>{points(entry.points)}</td>
                    <td class="muted">{entry.note ?? ""}</td>
                    <RowActions>
                      <button
                        type="button"
                        class="button secondary small"
                        onClick={() => setEditing(entry.id)}
                      >
                        {t("telefonie.editEntry")}
                      </button>
                      <button type="button" class="button danger small" onClick={() => setDeleting(entry)}>
                        {t("telefonie.deleteEntry")}
                      </button>
                    </RowActions>
                  </tr>
                </Show>
              )}
            </For>
          </Table>
        </Show>
        <EntryForm week={props.week} onSaved={props.onChanged} />
      </Show>
      <Show when={deleting()}>
        {(entry) => (
          <ConfirmDialog
            title={t("telefonie.deleteEntry")}
            confirmLabel={t("telefonie.deleteEntry")}
            danger
            onClose={() => setDeleting(undefined)}
            onConfirm={async () => {
              await api.call("deleteTelefonieEntry", {
                params: { isoWeek: props.week.isoWeek, username: props.week.username, entryId: entry().id },
              });
              toast(t("telefonie.entryDeleted"));
              setDeleting(undefined);
              props.onChanged();
            }}
          >
            {t("telefonie.deleteConfirm", {
              kind: entry().kind,
              points: tCountFormatted("plural.points", entry().points),
              name: name(),
              week: props.week.isoWeek,
            })}
          </ConfirmDialog>
        )}
      </Show>
    </section>
  );
}

function TeamTable(props: { team: TelefonieTeamWeekView }) {
  return (
    <Table
      columns={[
        t("telefonie.participant"),
        t("telefonie.goal"),
        t("telefonie.achieved"),
        t("telefonie.remaining"),
        t("telefonie.rate"),
        t("telefonie.status"),
      ]}
    >
      <For each={props.team.participants}>
        {(week) => (
          <tr data-team-row={week.username}>
            <th scope="row">{week.displayName ?? week.username}</th>
            <td>{week.vacation ? t("telefonie.vacation") : points(week.goal)}</td>
            <td>{points(week.achieved)}</td>
            <td>{points(week.remaining)}</td>
            <td>{formatRate(week.rate)}</td>
            <td>
              <StatusPill status={week.status} />
            </td>
          </tr>
        )}
      </For>
      <tr class="total-row">
        <th scope="row">{t("telefonie.teamTotal")}</th>
        <td>{points(props.team.totals.goal)}</td>
        <td>{points(props.team.totals.achieved)}</td>
        <td />
        <td>{formatRate(props.team.totals.rate)}</td>
        <td>
          <StatusPill status={props.team.totals.status} />
        </td>
      </tr>
    </Table>
  );
}

/** Verwaltung → Telefonie: one ISO week at a time, a card per participant, the team table and its trend. */
export function TelefonieTab() {
  const [week, setWeek] = createSignal(currentWeek());
  const [team, { refetch }] = createResource(week, (isoWeek) =>
    api.call("getTelefonieTeamWeek", { params: { isoWeek } }),
  );
  return (
    <>
      <p class="muted">{t("telefonie.intro")}</p>
      <WeekPicker week={week()} onChange={setWeek} />
      <AsyncView
        resource={team}
        retry={refetch}
        empty={t("telefonie.noParticipants")}
        isEmpty={(value) => value.participants.length === 0}
      >
        {(value) => (
          <>
            <h2>{t("telefonie.team")}</h2>
            <TeamTable team={value()} />
            <h2>{t("telefonie.trend")}</h2>
            <TrendChart trend={value().trend} caption={t("reports.trendChart")} />
            {/* A refetch after each change keeps the week's cards and what their forms hold (by position,
                not by object); another week starts them afresh. */}
            <Show when={value().isoWeek} keyed>
              {(_isoWeek) => (
                <Index each={value().participants}>
                  {(participant) => (
                    <>
                      <h2 class="sr-only">
                        {t("telefonie.entriesOf", {
                          name: participant().displayName ?? participant().username,
                        })}
                      </h2>
                      <ParticipantCard week={participant()} onChanged={() => void refetch()} />
                    </>
                  )}
                </Index>
              )}
            </Show>
          </>
        )}
      </AsyncView>
    </>
  );
}
