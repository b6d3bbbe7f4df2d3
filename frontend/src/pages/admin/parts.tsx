import type { JSX } from "solid-js";
import type { User } from "../../../../shared/contracts/auth.ts";
import { t } from "../../i18n/index.ts";

export type Role = User["role"];

export function roleLabel(role: Role): string {
  return t(role === "admin" ? "user.role.admin" : "user.role.agent");
}

export function ActiveBadge(props: { active: boolean }) {
  return (
    <span class={`badge ${props.active ? "ok" : "muted"}`}>
      {props.active ? t("admin.users.active") : t("admin.users.inactive")}
    </span>
  );
}

/** The "Bearbeiten" button of a table row, named after the row for screen readers. */
export function EditButton(props: { name: string; onClick: () => void }) {
  return (
    <button
      type="button"
      class="button secondary small"
      aria-label={t("admin.editOf", { name: props.name })}
      onClick={() => props.onClick()}
    >
      {t("admin.edit")}
    </button>
  );
}

export function RoleSelect(props: {
  id: string;
  value: Role;
  disabled?: boolean;
  onChange: (role: Role) => void;
}) {
  return (
    <select
      id={props.id}
      value={props.value}
      disabled={props.disabled}
      onChange={(event) => props.onChange(event.currentTarget.value as Role)}
    >
      <option value="agent">{t("user.role.agent")}</option>
      <option value="admin">{t("user.role.admin")}</option>
    </select>
  );
}

/** Removes one row of a list editor (tiers, bonuses, overrides, blocked dates); named by its row. */
export function RemoveRowButton(props: { row: number; onClick: () => void }) {
  return (
    <button
      type="button"
      class="button ghost small remove-row"
      aria-label={t("admin.template.removeRow", { row: props.row })}
      onClick={() => props.onClick()}
    >
      {t("admin.template.remove")}
    </button>
  );
}

/** Adds an empty row to a list editor. */
export function AddRowButton(props: { onClick: () => void; children: JSX.Element }) {
  return (
    <button type="button" class="button secondary small" onClick={() => props.onClick()}>
      {props.children}
    </button>
  );
}
