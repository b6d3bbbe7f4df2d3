import { createResource, createSignal, For } from "solid-js";
import type { AuditViewEntry } from "../../../../shared/contracts/admin.ts";
import { api } from "../../api/client.ts";
import { ResourceTable } from "../../components/Table.tsx";
import { Field } from "../../components/ui.tsx";
import { addDays, today } from "../../dates.ts";
import type { MessageKey } from "../../i18n/de.ts";
import { formatDateTime, formatDay, t, tMaybe } from "../../i18n/index.ts";

const detailText = (detail: Record<string, string | number | boolean> | undefined) =>
  detail
    ? Object.entries(detail)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join(", ")
    : "";

/** The action filter: single actions and whole groups (the server matches `booking` as `booking.…`). */
const actionChoices: [string, string][] = [
  ["", "admin.audit.allActions"],
  ["booking", "admin.audit.group.booking"],
  ["booking.created", "audit.booking.created"],
  ["booking.cancelled", "audit.booking.cancelled"],
  ["booking.rescheduled", "audit.booking.rescheduled"],
  ["booking.outcome_set", "audit.booking.outcome_set"],
  ["user", "admin.audit.group.user"],
  ["user.login_lock_lifted", "audit.user.login_lock_lifted"],
  ["login", "admin.audit.group.login"],
  ["login.failed", "audit.login.failed"],
  ["consultant", "admin.audit.group.consultant"],
  ["settings", "admin.audit.group.settings"],
  ["job.run", "audit.job.run"],
  ["telefonie", "admin.audit.group.telefonie"],
];

/** "anna hat die Buchung für Müller, Max am Mo., 07.12. 11:00 storniert": names, not ids. */
export function describeEntry(entry: AuditViewEntry): string {
  const actor = entry.actorName ? `${entry.actorName} (${entry.actor})` : entry.actor;
  const slotFromDetail = typeof entry.detail?.slot === "string" ? entry.detail.slot.split(" ") : [];
  const [date, time] = entry.booking ? [entry.booking.date, entry.booking.time] : slotFromDetail;
  const slot = date && time ? `${formatDay(date)} ${time}` : "";
  const customer = entry.booking?.customer ?? t("auditText.unknownBooking", { id: entry.target ?? "" });
  const target = entry.targetName ? `${entry.targetName} (${entry.target})` : (entry.target ?? "");
  return (
    // Detail values (e.g. a Telefonie entry's week, kind and points) fill the text's placeholders too.
    tMaybe(`auditText.${entry.action}`, { ...entry.detail, actor, customer, slot, target } as Record<
      string,
      string | number
    >) ?? `${actor}: ${tMaybe(`audit.${entry.action}`) ?? entry.action}${target ? ` – ${target}` : ""}`
  );
}

export function AuditTab() {
  const now = today();
  const [filter, setFilter] = createSignal({ from: addDays(now, -6), to: now, user: "", action: "" });
  const [entries, { refetch }] = createResource(filter, (query) =>
    api.call("listAudit", {
      query: {
        ...(query.from ? { from: query.from } : {}),
        ...(query.to ? { to: query.to } : {}),
        ...(query.user ? { user: query.user } : {}),
        ...(query.action ? { action: query.action } : {}),
      },
    }),
  );
  let from!: HTMLInputElement;
  let to!: HTMLInputElement;
  let userInput!: HTMLInputElement;
  let actionSelect!: HTMLSelectElement;
  return (
    <>
      <form
        class="filters card"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter({
            from: from.value,
            to: to.value,
            user: userInput.value.trim(),
            action: actionSelect.value,
          });
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
        <Field id="audit-action" label={t("admin.audit.actionFilter")}>
          <select id="audit-action" ref={actionSelect} value={filter().action}>
            <For each={actionChoices}>
              {([value, label]) => <option value={value}>{t(label as MessageKey)}</option>}
            </For>
          </select>
        </Field>
        <button type="submit" class="button secondary">
          {t("admin.audit.filter")}
        </button>
      </form>
      <ResourceTable
        resource={entries}
        retry={refetch}
        rows={(result) => result.entries}
        empty={t("admin.audit.empty")}
        columns={[
          t("admin.audit.at"),
          t("admin.audit.what"),
          t("admin.audit.action"),
          t("admin.audit.detail"),
        ]}
      >
        {(entry) => (
          <tr data-action={entry.action}>
            <td class="nowrap">{formatDateTime(entry.at)}</td>
            <td class="audit-text">{describeEntry(entry)}</td>
            <td>{tMaybe(`audit.${entry.action}`) ?? entry.action}</td>
            <td class="muted small">{detailText(entry.detail)}</td>
          </tr>
        )}
      </ResourceTable>
    </>
  );
}
