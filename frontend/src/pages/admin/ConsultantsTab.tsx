import { createResource, createSignal, Show } from "solid-js";
import type { Consultant } from "../../../../shared/contracts/booking.ts";
import { api } from "../../api/client.ts";
import { ResourceTable, RowActions } from "../../components/Table.tsx";
import { formatDateTime, t } from "../../i18n/index.ts";
import { ConsultantDialog } from "./ConsultantDialog.tsx";
import { ActiveBadge, EditButton } from "./parts.tsx";

export function ConsultantsTab() {
  const [consultants, { refetch }] = createResource(() => api.call("listConsultantsAdmin"));
  const [editing, setEditing] = createSignal<Consultant | "new">();
  const saved = () => {
    setEditing(undefined);
    void refetch();
  };
  return (
    <>
      <div class="toolbar">
        <button type="button" class="button primary" onClick={() => setEditing("new")}>
          {t("admin.consultants.add")}
        </button>
      </div>
      <ResourceTable
        resource={consultants}
        retry={refetch}
        rows={(list) => list}
        empty={t("admin.consultants.empty")}
        actions
        columns={[
          t("admin.consultants.name"),
          t("admin.consultants.calendarId"),
          t("admin.consultants.calendarState"),
          t("admin.users.state"),
        ]}
      >
        {(consultant) => (
          <tr data-consultant={consultant.id} classList={{ inactive: !consultant.active }}>
            <td>{consultant.name}</td>
            <td class="mono">{consultant.calendarId}</td>
            <td>
              {/* The latest availability run could not read this calendar: its slots are missing. */}
              <Show
                when={consultant.lastRunFailed}
                fallback={<span class="badge ok">{t("admin.consultants.ok")}</span>}
              >
                {(failure) => (
                  <span class="calendar-failed">
                    <span class="badge error">{t("admin.consultants.failed")}</span>
                    <small class="muted">
                      {t("admin.consultants.failedDetail", {
                        at: failure().at ? formatDateTime(failure().at) : "",
                        reason: failure().reason,
                      })}
                    </small>
                  </span>
                )}
              </Show>
            </td>
            <td>
              <ActiveBadge active={consultant.active} />
            </td>
            <RowActions>
              <EditButton name={consultant.name} onClick={() => setEditing(consultant)} />
            </RowActions>
          </tr>
        )}
      </ResourceTable>
      <Show when={editing()}>
        {(target) => {
          const value = target();
          return (
            <ConsultantDialog
              {...(value === "new" ? {} : { consultant: value })}
              onClose={() => setEditing(undefined)}
              onSaved={saved}
            />
          );
        }}
      </Show>
    </>
  );
}
