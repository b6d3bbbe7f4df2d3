import { createResource, createSignal, For, Show } from "solid-js";
import type { LoginLockView } from "../../../../shared/contracts/admin.ts";
import { createUserSchema, type User } from "../../../../shared/contracts/auth.ts";
import { api } from "../../api/client.ts";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { createSubmit, type FieldErrors, issuesByField } from "../../components/form.ts";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { ResourceTable, RowActions } from "../../components/Table.tsx";
import { TextField } from "../../components/TextField.tsx";
import { toast } from "../../components/toast.tsx";
import { errorMessage, Field, FormError } from "../../components/ui.tsx";
import { formatDateTime, formatTime, t } from "../../i18n/index.ts";
import { user as currentUser } from "../../session.ts";
import { EditUserDialog } from "./EditUserDialog.tsx";
import { ActiveBadge, EditButton, type Role, RoleSelect, roleLabel } from "./parts.tsx";

const activation = (target: User) =>
  target.active ? t("admin.users.deactivate") : t("admin.users.activate");

function CreateUserForm(props: { onCreated: () => unknown }) {
  const empty = { username: "", displayName: "", role: "agent" as Role, password: "" };
  const [form, setForm] = createSignal({ ...empty });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const submit = createSubmit({ onFields: setErrors });

  function validate(only?: keyof typeof empty): boolean {
    const result = createUserSchema.safeParse(form());
    const found = result.success ? {} : issuesByField(result.error);
    setErrors((current) => (only ? { ...current, [only]: found[only] } : found));
    return result.success;
  }

  function create(event: SubmitEvent) {
    event.preventDefault();
    if (!validate()) return;
    void submit.run(async () => {
      const created = await api.call("createUser", { body: form() });
      toast(t("admin.users.created", { name: created.displayName }));
      setForm({ ...empty });
      setErrors({});
      await props.onCreated();
    });
  }

  const input = (name: "username" | "displayName" | "password", label: string, hint?: string) => (
    <TextField
      id={`user-${name}`}
      label={label}
      error={errors()[name]}
      hint={hint}
      type={name === "password" ? "password" : "text"}
      autocomplete={name === "password" ? "new-password" : "off"}
      value={form()[name]}
      onValue={(value) => setForm({ ...form(), [name]: value })}
      onBlur={() => form()[name] && validate(name)}
    />
  );

  return (
    <form class="card form inline-form" onSubmit={create} noValidate aria-busy={submit.busy()}>
      <h2>{t("admin.users.create")}</h2>
      <FormError message={submit.failure()} />
      <div class="row">
        {input("username", t("admin.users.username"), t("admin.users.usernameHint"))}
        {input("displayName", t("admin.users.displayName"))}
        <Field id="user-role" label={t("admin.users.role")} error={errors().role}>
          <RoleSelect id="user-role" value={form().role} onChange={(role) => setForm({ ...form(), role })} />
        </Field>
        {input("password", t("admin.users.password"), t("admin.users.passwordHint"))}
      </div>
      <LoaderButton type="submit" busy={submit.busy()}>
        {t("admin.users.create")}
      </LoaderButton>
    </form>
  );
}

export function UsersTab() {
  const [users, { refetch }] = createResource(() => api.call("listUsers").then((result) => result.users));
  // Sign-in locks are not the account's state: a locked user is active, and lifting a lock does
  // not (de)activate anyone.
  const [locks, { refetch: refetchLocks }] = createResource(() =>
    api.call("listLoginLocks").then((result) => result.locks),
  );
  const locksOf = (username: string): LoginLockView[] =>
    (locks.error ? [] : (locks.latest ?? [])).filter((lock) => lock.username === username);
  const [editing, setEditing] = createSignal<User>();
  const [toggling, setToggling] = createSignal<User>();

  const saved = () => {
    setEditing(undefined);
    void refetch();
  };

  async function toggle(target: User) {
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
    }
  }

  async function liftLock(target: User) {
    try {
      await api.call("clearLoginLocks", { params: { username: target.username } });
      toast(t("admin.locks.lifted", { name: target.displayName }));
      await refetchLocks();
    } catch (error) {
      toast(errorMessage(error), "error");
    }
  }

  return (
    <>
      <ResourceTable
        resource={users}
        retry={refetch}
        rows={(list) => list}
        actions
        columns={[
          t("admin.users.username"),
          t("admin.users.displayName"),
          t("admin.users.role"),
          t("admin.users.state"),
          t("admin.users.lastLogin"),
          t("admin.locks.column"),
        ]}
      >
        {(entry) => (
          <tr data-username={entry.username} classList={{ inactive: !entry.active }}>
            <td class="mono">{entry.username}</td>
            <td>{entry.displayName}</td>
            <td>
              <span class={`badge role-${entry.role}`}>{roleLabel(entry.role)}</span>
            </td>
            <td>
              <ActiveBadge active={entry.active} />
            </td>
            <td>{entry.lastLoginAt ? formatDateTime(entry.lastLoginAt) : t("admin.users.never")}</td>
            <td data-testid="login-lock">
              <Show when={locksOf(entry.username).length > 0} fallback={t("admin.locks.none")}>
                <ul class="plain-list">
                  <For each={locksOf(entry.username)}>
                    {(lock) => (
                      <li class="lock-state">
                        {lock.scope === "pair"
                          ? t("admin.locks.locked", {
                              time: formatTime(lock.until),
                              address: lock.address ?? "",
                            })
                          : t("admin.locks.slowed", {
                              time: formatTime(lock.until),
                              failures: lock.failures,
                            })}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </td>
            <RowActions>
              <EditButton name={entry.username} onClick={() => setEditing(entry)} />
              <Show when={locksOf(entry.username).length > 0}>
                <button
                  type="button"
                  class="button small secondary"
                  aria-label={`${t("admin.locks.lift")}: ${entry.username}`}
                  onClick={() => void liftLock(entry)}
                >
                  {t("admin.locks.lift")}
                </button>
              </Show>
              <Show when={entry.username !== currentUser()?.username}>
                <button
                  type="button"
                  class={`button small ${entry.active ? "danger" : "secondary"}`}
                  aria-label={`${activation(entry)}: ${entry.username}`}
                  onClick={() => setToggling(entry)}
                >
                  {activation(entry)}
                </button>
              </Show>
            </RowActions>
          </tr>
        )}
      </ResourceTable>
      <CreateUserForm onCreated={refetch} />
      <Show when={editing()}>
        {(target) => <EditUserDialog user={target()} onClose={() => setEditing(undefined)} onSaved={saved} />}
      </Show>
      <Show when={toggling()}>
        {(target) => (
          <ConfirmDialog
            title={activation(target())}
            confirmLabel={activation(target())}
            danger={target().active}
            onConfirm={() => toggle(target())}
            onClose={() => setToggling(undefined)}
          >
            {t(target().active ? "admin.users.deactivateConfirm" : "admin.users.activateConfirm", {
              name: target().displayName,
            })}
          </ConfirmDialog>
        )}
      </Show>
    </>
  );
}
