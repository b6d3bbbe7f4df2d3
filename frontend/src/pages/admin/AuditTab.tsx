import { createResource, createSignal } from "solid-js";
import { api } from "../../api/client.ts";
import { ResourceTable } from "../../components/Table.tsx";
import { Field } from "../../components/ui.tsx";
import { addDays, today } from "../../dates.ts";
import { formatDateTime, t, tMaybe } from "../../i18n/index.ts";

const detailText = (detail: Record<string, string | number | boolean> | undefined) =>
  detail
    ? Object.entries(detail)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join(", ")
    : "";

export function AuditTab() {
  const now = today();
  const [filter, setFilter] = createSignal({ from: addDays(now, -6), to: now, user: "" });
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
      <ResourceTable
        resource={entries}
        retry={refetch}
        rows={(result) => result.entries}
        empty={t("admin.audit.empty")}
        columns={[
          t("admin.audit.at"),
          t("admin.audit.actor"),
          t("admin.audit.action"),
          t("admin.audit.target"),
          t("admin.audit.detail"),
        ]}
      >
        {(entry) => (
          <tr>
            <td class="nowrap">{formatDateTime(entry.at)}</td>
            <td class="mono">{entry.actor}</td>
            <td>{tMaybe(`audit.${entry.action}`) ?? entry.action}</td>
            <td class="mono">{entry.target ?? ""}</td>
            <td class="muted small">{detailText(entry.detail)}</td>
          </tr>
        )}
      </ResourceTable>
    </>
  );
}
