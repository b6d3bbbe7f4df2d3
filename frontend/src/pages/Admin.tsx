import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import type { z } from "zod";
import { createUserSchema, type User } from "../../../shared/contracts/auth.ts";
import type { Consultant } from "../../../shared/contracts/booking.ts";
import { consultantInputSchema } from "../../../shared/contracts/booking.ts";
import { runnableJobs } from "../../../shared/contracts/jobs.ts";
import { ApiError, api } from "../api/client.ts";
import { toast } from "../components/toast.tsx";
import { ErrorBox, errorMessage, Field, Loading, Modal, Spinner } from "../components/ui.tsx";
import { addDays, todayInBerlin } from "../dates.ts";
import { formatDateTime, formatDay, formatNumber, t, tMaybe } from "../i18n/index.ts";
import { user as currentUser } from "../session.ts";

type Tab = "users" | "consultants" | "jobs" | "audit";
type Role = User["role"];
type Errors = Record<string, string | undefined>;

/** Zod issues → `{ field: first message }`, keyed like the API's `body.<field>` minus the prefix. */
function issuesByField(error: z.ZodError): Errors {
  const found: Errors = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? "");
    found[name] ??= issue.message;
  }
  return found;
}

/** The API's field errors (`body.phone` → message) without the `body.` prefix. */
function apiFieldErrors(error: ApiError): Errors {
  const found: Errors = {};
  for (const [path, message] of Object.entries(error.fields)) found[path.replace(/^body\./, "")] = message;
  return found;
}

function FormError(props: { message: string | undefined }) {
  return (
    <Show when={props.message}>
      <div class="notice error" role="alert">
        {props.message}
      </div>
    </Show>
  );
}

function roleLabel(role: Role): string {
  return t(role === "admin" ? "user.role.admin" : "user.role.agent");
}

/* ------------------------------------------------------------------ users */

function EditUserDialog(props: { user: User; onClose: () => void; onSaved: () => void }) {
  const [displayName, setDisplayName] = createSignal(props.user.displayName);
  const [role, setRole] = createSignal<Role>(props.user.role);
  const [password, setPassword] = createSignal("");
  const [errors, setErrors] = createSignal<Errors>({});
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const isSelf = () => currentUser()?.username === props.user.username;

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const body: { displayName?: string; role?: Role; password?: string } = {};
    if (displayName().trim() !== props.user.displayName) body.displayName = displayName();
    if (role() !== props.user.role) body.role = role();
    if (password()) body.password = password();
    if (Object.keys(body).length === 0) {
      props.onClose();
      return;
    }
    const local: Errors = {};
    if (body.displayName !== undefined) {
      const check = createUserSchema.shape.displayName.safeParse(body.displayName);
      if (!check.success) local.displayName = check.error.issues[0]?.message;
    }
    if (body.password !== undefined) {
      const check = createUserSchema.shape.password.safeParse(body.password);
      if (!check.success) local.password = check.error.issues[0]?.message;
    }
    setErrors(local);
    if (Object.values(local).some(Boolean)) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await api.call("updateUser", { params: { username: props.user.username }, body });
      toast(body.password ? t("admin.users.passwordReset") : t("admin.saved"));
      props.onSaved();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(apiFieldErrors(error));
      else setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t("admin.users.editTitle", { name: props.user.username })} onClose={props.onClose}>
      <form class="form" onSubmit={save} noValidate aria-busy={busy()}>
        <FormError message={failure()} />
        <Field id="edit-user-name" label={t("admin.users.displayName")} error={errors().displayName}>
          <input
            id="edit-user-name"
            value={displayName()}
            maxlength="80"
            aria-invalid={Boolean(errors().displayName)}
            onInput={(event) => setDisplayName(event.currentTarget.value)}
          />
        </Field>
        <Field
          id="edit-user-role"
          label={t("admin.users.role")}
          error={errors().role}
          {...(isSelf() ? { hint: t("admin.users.ownRole") } : {})}
        >
          <select
            id="edit-user-role"
            value={role()}
            disabled={isSelf()}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
          >
            <option value="agent">{t("user.role.agent")}</option>
            <option value="admin">{t("user.role.admin")}</option>
          </select>
        </Field>
        <Field
          id="edit-user-password"
          label={t("admin.users.newPassword")}
          error={errors().password}
          hint={t("admin.users.newPasswordHint")}
        >
          <input
            id="edit-user-password"
            type="password"
            autocomplete="new-password"
            value={password()}
            aria-invalid={Boolean(errors().password)}
            onInput={(event) => setPassword(event.currentTarget.value)}
          />
        </Field>
        <div class="actions">
          <button type="button" class="button secondary" onClick={props.onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="button primary" disabled={busy()}>
            <Show when={busy()}>
              <Spinner />
            </Show>
            {t("common.save")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function UsersTab() {
  const [users, { refetch }] = createResource(() => api.call("listUsers").then((result) => result.users));
  const empty = { username: "", displayName: "", role: "agent" as Role, password: "" };
  const [form, setForm] = createSignal({ ...empty });
  const [errors, setErrors] = createSignal<Errors>({});
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [editing, setEditing] = createSignal<User>();
  const [toggling, setToggling] = createSignal<User>();
  const [toggleBusy, setToggleBusy] = createSignal(false);

  function validate(only?: keyof typeof empty): boolean {
    const result = createUserSchema.safeParse(form());
    const found = result.success ? {} : issuesByField(result.error);
    setErrors((current) => (only ? { ...current, [only]: found[only] } : found));
    return result.success;
  }

  async function create(event: SubmitEvent) {
    event.preventDefault();
    setFailure(undefined);
    if (!validate()) return;
    setBusy(true);
    try {
      const created = await api.call("createUser", { body: form() });
      toast(t("admin.users.created", { name: created.displayName }));
      setForm({ ...empty });
      setErrors({});
      await refetch();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(apiFieldErrors(error));
      else setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function toggle(target: User) {
    setToggleBusy(true);
    try {
      await api.call("updateUser", {
        params: { username: target.username },
        body: { active: !target.active },
      });
      toast(
        t(target.active ? "admin.users.deactivated" : "admin.users.activated", { name: target.displayName }),
      );
      setToggling(undefined);
      await refetch();
    } catch (error) {
      toast(errorMessage(error), "error");
    } finally {
      setToggleBusy(false);
    }
  }

  const input = (
    name: "username" | "displayName" | "password",
    label: string,
    options: { type?: string; hint?: string } = {},
  ) => (
    <Field
      id={`user-${name}`}
      label={label}
      error={errors()[name]}
      {...(options.hint ? { hint: options.hint } : {})}
    >
      <input
        id={`user-${name}`}
        type={options.type ?? "text"}
        autocomplete={name === "password" ? "new-password" : "off"}
        value={form()[name]}
        aria-invalid={Boolean(errors()[name])}
        onInput={(event) => setForm({ ...form(), [name]: event.currentTarget.value })}
        onBlur={() => form()[name] && validate(name)}
      />
    </Field>
  );

  return (
    <>
      <Show when={!users.error} fallback={<ErrorBox error={users.error} retry={refetch} />}>
        <Show when={users.latest} fallback={<Loading />}>
          <div class="table-wrap card flush">
            <table class="table" aria-busy={users.loading}>
              <thead>
                <tr>
                  <th scope="col">{t("admin.users.username")}</th>
                  <th scope="col">{t("admin.users.displayName")}</th>
                  <th scope="col">{t("admin.users.role")}</th>
                  <th scope="col">{t("admin.users.state")}</th>
                  <th scope="col">{t("admin.users.lastLogin")}</th>
                  <th scope="col">
                    <span class="sr-only">{t("admin.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={users.latest}>
                  {(entry) => (
                    <tr data-username={entry.username} classList={{ inactive: !entry.active }}>
                      <td class="mono">{entry.username}</td>
                      <td>{entry.displayName}</td>
                      <td>
                        <span class={`badge role-${entry.role}`}>{roleLabel(entry.role)}</span>
                      </td>
                      <td>
                        <span class={`badge ${entry.active ? "ok" : "muted"}`}>
                          {entry.active ? t("admin.users.active") : t("admin.users.inactive")}
                        </span>
                      </td>
                      <td>
                        {entry.lastLoginAt ? formatDateTime(entry.lastLoginAt) : t("admin.users.never")}
                      </td>
                      <td class="actions-cell">
                        <div class="row-actions">
                          <button
                            type="button"
                            class="button secondary small"
                            aria-label={t("admin.editOf", { name: entry.username })}
                            onClick={() => setEditing(entry)}
                          >
                            {t("admin.edit")}
                          </button>
                          <Show when={entry.username !== currentUser()?.username}>
                            <button
                              type="button"
                              class={`button small ${entry.active ? "danger" : "secondary"}`}
                              aria-label={`${
                                entry.active ? t("admin.users.deactivate") : t("admin.users.activate")
                              }: ${entry.username}`}
                              onClick={() => setToggling(entry)}
                            >
                              {entry.active ? t("admin.users.deactivate") : t("admin.users.activate")}
                            </button>
                          </Show>
                        </div>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      </Show>
      <form class="card form inline-form" onSubmit={create} noValidate aria-busy={busy()}>
        <h2>{t("admin.users.create")}</h2>
        <FormError message={failure()} />
        <div class="row">
          {input("username", t("admin.users.username"), { hint: t("admin.users.usernameHint") })}
          {input("displayName", t("admin.users.displayName"))}
          <Field id="user-role" label={t("admin.users.role")} error={errors().role}>
            <select
              id="user-role"
              value={form().role}
              onChange={(event) => setForm({ ...form(), role: event.currentTarget.value as Role })}
            >
              <option value="agent">{t("user.role.agent")}</option>
              <option value="admin">{t("user.role.admin")}</option>
            </select>
          </Field>
          {input("password", t("admin.users.password"), {
            type: "password",
            hint: t("admin.users.passwordHint"),
          })}
        </div>
        <button type="submit" class="button primary" disabled={busy()}>
          <Show when={busy()}>
            <Spinner />
          </Show>
          {t("admin.users.create")}
        </button>
      </form>
      <Show when={editing()}>
        {(target) => (
          <EditUserDialog
            user={target()}
            onClose={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              void refetch();
            }}
          />
        )}
      </Show>
      <Show when={toggling()}>
        {(target) => (
          <Modal
            title={target().active ? t("admin.users.deactivate") : t("admin.users.activate")}
            onClose={() => setToggling(undefined)}
          >
            <p>
              {t(target().active ? "admin.users.deactivateConfirm" : "admin.users.activateConfirm", {
                name: target().displayName,
              })}
            </p>
            <div class="actions">
              <button type="button" class="button secondary" onClick={() => setToggling(undefined)}>
                {t("common.cancel")}
              </button>
              <button
                type="button"
                class={`button ${target().active ? "danger" : "primary"}`}
                disabled={toggleBusy()}
                onClick={() => toggle(target())}
              >
                <Show when={toggleBusy()}>
                  <Spinner />
                </Show>
                {target().active ? t("admin.users.deactivate") : t("admin.users.activate")}
              </button>
            </div>
          </Modal>
        )}
      </Show>
    </>
  );
}

/* ------------------------------------------------------------ consultants */

function ConsultantDialog(props: { consultant?: Consultant; onClose: () => void; onSaved: () => void }) {
  const [values, setValues] = createSignal({
    name: props.consultant?.name ?? "",
    calendarId: props.consultant?.calendarId ?? "",
    active: props.consultant?.active ?? true,
  });
  const [errors, setErrors] = createSignal<Errors>({});
  const [failure, setFailure] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const parsed = consultantInputSchema.safeParse(values());
    if (!parsed.success) {
      setErrors(issuesByField(parsed.error));
      return;
    }
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    try {
      const existing = props.consultant;
      if (existing) {
        const body: { name?: string; calendarId?: string; active?: boolean } = {};
        if (parsed.data.name !== existing.name) body.name = parsed.data.name;
        if (parsed.data.calendarId !== existing.calendarId) body.calendarId = parsed.data.calendarId;
        if (parsed.data.active !== existing.active) body.active = parsed.data.active;
        if (Object.keys(body).length > 0) {
          await api.call("updateConsultant", { params: { id: existing.id }, body });
        }
        toast(t("admin.saved"));
      } else {
        const created = await api.call("createConsultant", { body: values() });
        toast(t("admin.consultants.created", { name: created.name }));
      }
      props.onSaved();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(apiFieldErrors(error));
      else setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={
        props.consultant
          ? t("admin.consultants.editTitle", { name: props.consultant.name })
          : t("admin.consultants.add")
      }
      onClose={props.onClose}
    >
      <form class="form" onSubmit={save} noValidate aria-busy={busy()}>
        <FormError message={failure()} />
        <Field id="consultant-name" label={t("admin.consultants.name")} error={errors().name}>
          <input
            id="consultant-name"
            value={values().name}
            maxlength="80"
            aria-invalid={Boolean(errors().name)}
            onInput={(event) => setValues({ ...values(), name: event.currentTarget.value })}
          />
        </Field>
        <Field
          id="consultant-calendar"
          label={t("admin.consultants.calendarId")}
          error={errors().calendarId}
          hint={t("admin.consultants.calendarHint")}
        >
          <input
            id="consultant-calendar"
            value={values().calendarId}
            maxlength="200"
            spellcheck={false}
            aria-invalid={Boolean(errors().calendarId)}
            onInput={(event) => setValues({ ...values(), calendarId: event.currentTarget.value })}
          />
        </Field>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={values().active}
            onChange={(event) => setValues({ ...values(), active: event.currentTarget.checked })}
          />
          {t("admin.consultants.activeLabel")}
        </label>
        <p class="muted small">{t("admin.consultants.takesEffect")}</p>
        <div class="actions">
          <button type="button" class="button secondary" onClick={props.onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="button primary" disabled={busy()}>
            <Show when={busy()}>
              <Spinner />
            </Show>
            {t("common.save")}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function ConsultantsTab() {
  const [consultants, { refetch }] = createResource(() => api.call("listConsultantsAdmin"));
  const [editing, setEditing] = createSignal<Consultant | "new">();
  return (
    <>
      <div class="toolbar">
        <button type="button" class="button primary" onClick={() => setEditing("new")}>
          {t("admin.consultants.add")}
        </button>
      </div>
      <Show when={!consultants.error} fallback={<ErrorBox error={consultants.error} retry={refetch} />}>
        <Show when={consultants.latest} fallback={<Loading />}>
          {(list) => (
            <Show when={list().length > 0} fallback={<div class="empty">{t("admin.consultants.empty")}</div>}>
              <div class="table-wrap card flush">
                <table class="table" aria-busy={consultants.loading}>
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.consultants.name")}</th>
                      <th scope="col">{t("admin.consultants.calendarId")}</th>
                      <th scope="col">{t("admin.users.state")}</th>
                      <th scope="col">
                        <span class="sr-only">{t("admin.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(consultant) => (
                        <tr data-consultant={consultant.id} classList={{ inactive: !consultant.active }}>
                          <td>{consultant.name}</td>
                          <td class="mono">{consultant.calendarId}</td>
                          <td>
                            <span class={`badge ${consultant.active ? "ok" : "muted"}`}>
                              {consultant.active ? t("admin.users.active") : t("admin.users.inactive")}
                            </span>
                          </td>
                          <td class="actions-cell">
                            <div class="row-actions">
                              <button
                                type="button"
                                class="button secondary small"
                                aria-label={t("admin.editOf", { name: consultant.name })}
                                onClick={() => setEditing(consultant)}
                              >
                                {t("admin.edit")}
                              </button>
                            </div>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
      <Show when={editing()}>
        {(target) => {
          const value = target();
          return (
            <ConsultantDialog
              {...(value === "new" ? {} : { consultant: value })}
              onClose={() => setEditing(undefined)}
              onSaved={() => {
                setEditing(undefined);
                void refetch();
              }}
            />
          );
        }}
      </Show>
    </>
  );
}

/* ------------------------------------------------------------------- jobs */

type Job = (typeof runnableJobs)[number];

function summaryValue(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? t("admin.users.yes") : t("admin.users.no");
  if (typeof value === "string") return /^\d{4}-\d\d-\d\dT/.test(value) ? formatDateTime(value) : value;
  if (Array.isArray(value)) return formatNumber(value.length);
  return JSON.stringify(value);
}

function Summary(props: { summary: Record<string, unknown> }) {
  return (
    <dl class="summary">
      <For each={Object.entries(props.summary)}>
        {([key, value]) => (
          <div>
            <dt>{tMaybe(`admin.jobs.key.${key}`) ?? key}</dt>
            <dd>{summaryValue(value)}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

interface LostSlot {
  date: string;
  time: string;
  booked: number;
}

function lostSlotsOf(summary: Record<string, unknown>): LostSlot[] {
  const value = summary.lostSlots;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is LostSlot =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as LostSlot).date === "string" &&
      typeof (item as LostSlot).time === "string",
  );
}

function JobsTab() {
  const [running, setRunning] = createSignal<Job>();
  const [results, setResults] = createSignal<Partial<Record<Job, Record<string, unknown>>>>({});
  const [runs, { refetch: refetchRuns }] = createResource(() =>
    api.call("listJobRuns", { params: { job: "generate-availability" } }).then((result) => result.runs),
  );
  const latestLost = () => {
    const latest = runs.latest?.[0];
    return latest ? lostSlotsOf(latest.summary) : [];
  };

  async function run(job: Job) {
    setRunning(job);
    try {
      const result = await api.call("runJob", { params: { job }, query: {} });
      setResults({ ...results(), [job]: result.summary });
      toast(t("admin.jobs.done", { job: t(`admin.jobs.${job}`) }));
      if (job === "generate-availability") void refetchRuns();
    } catch (error) {
      toast(errorMessage(error), "error");
    } finally {
      setRunning(undefined);
    }
  }

  return (
    <>
      <div class="cards">
        <For each={runnableJobs}>
          {(job) => (
            <article class="card job" data-job={job} aria-busy={running() === job}>
              <h2>{t(`admin.jobs.${job}`)}</h2>
              <p class="muted small">{t(`admin.jobs.${job}.hint`)}</p>
              <button
                type="button"
                class="button primary"
                disabled={Boolean(running())}
                onClick={() => run(job)}
              >
                <Show when={running() === job} fallback={t("admin.jobs.run")}>
                  <Spinner label={t("admin.jobs.running")} /> {t("admin.jobs.running")}
                </Show>
              </button>
              <Show when={running() === job}>
                <div class="progress" aria-hidden="true">
                  <span />
                </div>
              </Show>
              <Show when={results()[job]}>
                {(summary) => (
                  <div class="job-result" role="status">
                    <h3>{t("admin.jobs.result")}</h3>
                    <Summary summary={summary()} />
                  </div>
                )}
              </Show>
            </article>
          )}
        </For>
      </div>

      <h2>{t("admin.jobs.lostTitle")}</h2>
      <Show when={!runs.error} fallback={<ErrorBox error={runs.error} retry={refetchRuns} />}>
        <Show when={runs.latest} fallback={<Loading />}>
          <Show
            when={latestLost().length > 0}
            fallback={<div class="notice success">{t("admin.jobs.lostNone")}</div>}
          >
            <div class="notice warning" role="alert">
              <div>
                <strong>{t("admin.jobs.lostIntro", { count: latestLost().length })}</strong>
                <ul class="lost-list">
                  <For each={latestLost()}>
                    {(slot) => (
                      <li>
                        {t("admin.jobs.lostSlot", {
                          day: formatDay(slot.date),
                          time: slot.time,
                          booked: slot.booked,
                        })}
                      </li>
                    )}
                  </For>
                </ul>
              </div>
            </div>
          </Show>
          <Show when={(runs.latest ?? []).length > 0}>
            <h3>{t("admin.jobs.recentRuns")}</h3>
            <div class="table-wrap card flush">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t("admin.audit.at")}</th>
                    <th scope="col">{t("admin.jobs.key.slots")}</th>
                    <th scope="col">{t("admin.jobs.key.changedSlots")}</th>
                    <th scope="col">{t("admin.jobs.key.lostSlots")}</th>
                    <th scope="col">{t("admin.jobs.key.failedConsultants")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={(runs.latest ?? []).slice(0, 10)}>
                    {(entry) => (
                      <tr>
                        <td>{formatDateTime(entry.at)}</td>
                        <td>{summaryValue(entry.summary.slots ?? "–")}</td>
                        <td>{summaryValue(entry.summary.changedSlots ?? "–")}</td>
                        <td>{lostSlotsOf(entry.summary).length}</td>
                        <td>
                          {Array.isArray(entry.summary.failedConsultants)
                            ? entry.summary.failedConsultants.length
                            : "–"}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </Show>
      </Show>
    </>
  );
}

/* ------------------------------------------------------------------ audit */

function AuditTab() {
  const today = todayInBerlin();
  const [filter, setFilter] = createSignal({ from: addDays(today, -6), to: today, user: "" });
  const [entries, { refetch }] = createResource(filter, (query) =>
    api.call("listAudit", {
      query: {
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.user ? { user: query.user } : {}),
      },
    }),
  );
  let from!: HTMLInputElement;
  let to!: HTMLInputElement;
  let userInput!: HTMLInputElement;
  const detailText = (detail: Record<string, string | number | boolean> | undefined) =>
    detail
      ? Object.entries(detail)
          .map(([key, value]) => `${key}: ${String(value)}`)
          .join(", ")
      : "";
  return (
    <>
      <form
        class="filters card"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ from: from.value, to: to.value, user: userInput.value.trim() });
        }}
      >
        <Field id="audit-from" label={t("admin.audit.from")}>
          <input id="audit-from" type="date" ref={from} value={filter().from} />
        </Field>
        <Field id="audit-to" label={t("admin.audit.to")}>
          <input id="audit-to" type="date" ref={to} value={filter().to} />
        </Field>
        <Field id="audit-user" label={t("admin.audit.user")}>
          <input id="audit-user" ref={userInput} value={filter().user} maxlength="40" />
        </Field>
        <button type="submit" class="button secondary">
          {t("admin.audit.filter")}
        </button>
      </form>
      <Show when={!entries.error} fallback={<ErrorBox error={entries.error} retry={refetch} />}>
        <Show when={entries.latest} fallback={<Loading />}>
          {(result) => (
            <Show
              when={result().entries.length > 0}
              fallback={<div class="empty">{t("admin.audit.empty")}</div>}
            >
              <div class="table-wrap card flush">
                <table class="table" aria-busy={entries.loading}>
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.audit.at")}</th>
                      <th scope="col">{t("admin.audit.actor")}</th>
                      <th scope="col">{t("admin.audit.action")}</th>
                      <th scope="col">{t("admin.audit.target")}</th>
                      <th scope="col">{t("admin.audit.detail")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={result().entries}>
                      {(entry) => (
                        <tr>
                          <td class="nowrap">{formatDateTime(entry.at)}</td>
                          <td class="mono">{entry.actor}</td>
                          <td>{tMaybe(`audit.${entry.action}`) ?? entry.action}</td>
                          <td class="mono">{entry.target ?? ""}</td>
                          <td class="muted small">{detailText(entry.detail)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
    </>
  );
}

/* ------------------------------------------------------------------- page */

export function AdminPage() {
  const [tab, setTab] = createSignal<Tab>("users");
  const tabs: Tab[] = ["users", "consultants", "jobs", "audit"];
  const select = (name: Tab) => {
    setTab(name);
    document.getElementById(`tab-${name}`)?.focus();
  };
  return (
    <section class="page">
      <h1>{t("admin.title")}</h1>
      <div
        class="tabs"
        role="tablist"
        aria-label={t("admin.title")}
        onKeyDown={(event) => {
          const index = tabs.indexOf(tab());
          if (event.key === "ArrowRight") select(tabs[(index + 1) % tabs.length] ?? "users");
          else if (event.key === "ArrowLeft")
            select(tabs[(index + tabs.length - 1) % tabs.length] ?? "users");
          else if (event.key === "Home") select("users");
          else if (event.key === "End") select("audit");
        }}
      >
        <For each={tabs}>
          {(name) => (
            <button
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab() === name}
              aria-controls="tab-panel"
              tabindex={tab() === name ? 0 : -1}
              class="tab"
              onClick={() => setTab(name)}
            >
              {t(`admin.tab.${name}`)}
            </button>
          )}
        </For>
      </div>
      <div id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab()}`}>
        <Switch>
          <Match when={tab() === "users"}>
            <UsersTab />
          </Match>
          <Match when={tab() === "consultants"}>
            <ConsultantsTab />
          </Match>
          <Match when={tab() === "jobs"}>
            <JobsTab />
          </Match>
          <Match when={tab() === "audit"}>
            <AuditTab />
          </Match>
        </Switch>
      </div>
    </section>
  );
}
