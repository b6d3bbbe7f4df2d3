import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import type { User } from "../../../shared/contracts/auth.ts";
import { runnableJobs } from "../../../shared/contracts/jobs.ts";
import { ApiError, api } from "../api/client.ts";
import { toast } from "../components/toast.tsx";
import { ErrorBox, errorMessage, Field, Loading, Modal, Spinner } from "../components/ui.tsx";
import { addDays, todayInBerlin } from "../dates.ts";
import { formatDateTime, t } from "../i18n/index.ts";

type Tab = "users" | "jobs" | "audit";

function UsersTab() {
  const [users, { refetch }] = createResource(() => api.call("listUsers").then((result) => result.users));
  const empty = { username: "", displayName: "", role: "agent" as "agent" | "admin", password: "" };
  const [form, setForm] = createSignal({ ...empty });
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [busy, setBusy] = createSignal(false);
  const [deactivating, setDeactivating] = createSignal<User>();

  async function create(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const user = await api.call("createUser", { body: form() });
      toast(t("admin.users.created", { name: user.displayName }));
      setForm({ ...empty });
      await refetch();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(error.fields);
      else toast(errorMessage(error), "error");
    } finally {
      setBusy(false);
    }
  }

  async function update(user: User, body: { active?: boolean; role?: "agent" | "admin" }) {
    try {
      await api.call("updateUser", { params: { username: user.username }, body });
      toast(t("admin.users.updated"));
      await refetch();
    } catch (error) {
      toast(errorMessage(error), "error");
    }
  }

  const input = (name: "username" | "displayName" | "password", label: string, type = "text") => (
    <Field id={`user-${name}`} label={label} error={errors()[`body.${name}`]}>
      <input
        id={`user-${name}`}
        type={type}
        autocomplete="off"
        value={form()[name]}
        onInput={(event) => setForm({ ...form(), [name]: event.currentTarget.value })}
      />
    </Field>
  );

  return (
    <>
      <Show when={!users.error} fallback={<ErrorBox error={users.error} retry={refetch} />}>
        <Show when={users.latest} fallback={<Loading />}>
          <div class="table-wrap">
            <table class="table" aria-busy={users.loading}>
              <thead>
                <tr>
                  <th>{t("admin.users.username")}</th>
                  <th>{t("admin.users.displayName")}</th>
                  <th>{t("admin.users.role")}</th>
                  <th>{t("admin.users.active")}</th>
                  <th>{t("admin.users.lastLogin")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                <For each={users.latest}>
                  {(user) => (
                    <tr data-username={user.username}>
                      <td>{user.username}</td>
                      <td>{user.displayName}</td>
                      <td>
                        <select
                          aria-label={`${t("admin.users.role")}: ${user.username}`}
                          value={user.role}
                          onChange={(event) =>
                            update(user, { role: event.currentTarget.value as "agent" | "admin" })
                          }
                        >
                          <option value="agent">{t("user.role.agent")}</option>
                          <option value="admin">{t("user.role.admin")}</option>
                        </select>
                      </td>
                      <td>{user.active ? t("admin.users.yes") : t("admin.users.no")}</td>
                      <td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t("admin.users.never")}</td>
                      <td>
                        <Show
                          when={user.active}
                          fallback={
                            <button
                              type="button"
                              class="button secondary small"
                              onClick={() => update(user, { active: true })}
                            >
                              {t("admin.users.activate")}
                            </button>
                          }
                        >
                          <button
                            type="button"
                            class="button danger small"
                            onClick={() => setDeactivating(user)}
                          >
                            {t("admin.users.deactivate")}
                          </button>
                        </Show>
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
        <div class="row">
          {input("username", t("admin.users.username"))}
          {input("displayName", t("admin.users.displayName"))}
          <Field id="user-role" label={t("admin.users.role")} error={errors()["body.role"]}>
            <select
              id="user-role"
              value={form().role}
              onChange={(event) =>
                setForm({ ...form(), role: event.currentTarget.value as "agent" | "admin" })
              }
            >
              <option value="agent">{t("user.role.agent")}</option>
              <option value="admin">{t("user.role.admin")}</option>
            </select>
          </Field>
          {input("password", t("admin.users.password"), "password")}
        </div>
        <button type="submit" class="button primary" disabled={busy()}>
          <Show when={busy()}>
            <Spinner />
          </Show>
          {t("admin.users.create")}
        </button>
      </form>
      <Show when={deactivating()}>
        {(user) => (
          <Modal title={t("admin.users.deactivate")} onClose={() => setDeactivating(undefined)}>
            <p>{t("admin.users.deactivateConfirm", { name: user().displayName })}</p>
            <div class="actions">
              <button type="button" class="button secondary" onClick={() => setDeactivating(undefined)}>
                {t("common.cancel")}
              </button>
              <button
                type="button"
                class="button danger"
                onClick={async () => {
                  await update(user(), { active: false });
                  setDeactivating(undefined);
                }}
              >
                {t("admin.users.deactivate")}
              </button>
            </div>
          </Modal>
        )}
      </Show>
    </>
  );
}

function JobsTab() {
  const [running, setRunning] = createSignal<string>();
  const [results, setResults] = createSignal<Record<string, string>>({});
  async function run(job: (typeof runnableJobs)[number]) {
    setRunning(job);
    try {
      const result = await api.call("runJob", { params: { job }, query: {} });
      setResults({ ...results(), [job]: JSON.stringify(result.summary, null, 2) });
      toast(t("admin.jobs.done"));
    } catch (error) {
      toast(errorMessage(error), "error");
    } finally {
      setRunning(undefined);
    }
  }
  return (
    <div class="cards">
      <For each={runnableJobs}>
        {(job) => (
          <article class="card">
            <h2>{t(`admin.jobs.${job}`)}</h2>
            <button
              type="button"
              class="button primary"
              disabled={Boolean(running())}
              onClick={() => run(job)}
            >
              <Show when={running() === job} fallback={t("admin.jobs.run")}>
                <Spinner /> {t("admin.jobs.running")}
              </Show>
            </button>
            <Show when={results()[job]}>
              <pre class="summary">{results()[job]}</pre>
            </Show>
          </article>
        )}
      </For>
    </div>
  );
}

function AuditTab() {
  const today = todayInBerlin();
  const [filter, setFilter] = createSignal({ from: addDays(today, -6), to: today, user: "" });
  const [entries, { refetch }] = createResource(filter, (query) =>
    api.call("listAudit", {
      query: { from: query.from, to: query.to, ...(query.user ? { user: query.user } : {}) },
    }),
  );
  let from!: HTMLInputElement;
  let to!: HTMLInputElement;
  let user!: HTMLInputElement;
  return (
    <>
      <form
        class="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({ from: from.value, to: to.value, user: user.value.trim() });
        }}
      >
        <Field id="audit-from" label={t("admin.audit.from")}>
          <input id="audit-from" type="date" ref={from} value={filter().from} />
        </Field>
        <Field id="audit-to" label={t("admin.audit.to")}>
          <input id="audit-to" type="date" ref={to} value={filter().to} />
        </Field>
        <Field id="audit-user" label={t("admin.audit.user")}>
          <input id="audit-user" ref={user} value={filter().user} />
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
              <div class="table-wrap">
                <table class="table" aria-busy={entries.loading}>
                  <thead>
                    <tr>
                      <th>{t("admin.audit.at")}</th>
                      <th>{t("admin.audit.actor")}</th>
                      <th>{t("admin.audit.action")}</th>
                      <th>{t("admin.audit.target")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={result().entries}>
                      {(entry) => (
                        <tr>
                          <td>{formatDateTime(entry.at)}</td>
                          <td>{entry.actor}</td>
                          <td>{entry.action}</td>
                          <td>{entry.target ?? ""}</td>
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

export function AdminPage() {
  const [tab, setTab] = createSignal<Tab>("users");
  const tabs: Tab[] = ["users", "jobs", "audit"];
  return (
    <section class="page">
      <h1>{t("admin.title")}</h1>
      <div class="tabs" role="tablist">
        <For each={tabs}>
          {(name) => (
            <button
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab() === name}
              aria-controls="tab-panel"
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
