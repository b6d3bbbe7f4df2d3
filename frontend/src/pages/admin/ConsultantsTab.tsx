import { createResource, createSignal, For, Show } from "solid-js";
import type { Consultant } from "../../../../shared/contracts/booking.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { Table } from "../../components/Table.tsx";
import { t } from "../../i18n/index.ts";
import { ConsultantDialog } from "./ConsultantDialog.tsx";
import { ActiveBadge, EditButton } from "./parts.tsx";

export function ConsultantsTab() {
  const [consultants, { refetch }] = createResource(() => api.call("listConsultantsAdmin"));
  const [editing, setEditing] = createSignal<Consultant | "new">();
  return (
    <>
      <div class="toolbar">
        <button type="button" class="button primary" onClick={() => setEditing("new")}>
          {t("admin.consultants.add")}
        </button>
      </div>
      <AsyncView resource={consultants} retry={refetch} empty={t("admin.consultants.empty")}>
        {(list) => (
          <Table
            busy={consultants.loading}
            actions
            columns={[t("admin.consultants.name"), t("admin.consultants.calendarId"), t("admin.users.state")]}
          >
            <For each={list()}>
              {(consultant) => (
                <tr data-consultant={consultant.id} classList={{ inactive: !consultant.active }}>
                  <td>{consultant.name}</td>
                  <td class="mono">{consultant.calendarId}</td>
                  <td>
                    <ActiveBadge active={consultant.active} />
                  </td>
                  <td class="actions-cell">
                    <div class="row-actions">
                      <EditButton name={consultant.name} onClick={() => setEditing(consultant)} />
                    </div>
                  </td>
                </tr>
              )}
            </For>
          </Table>
        )}
      </AsyncView>
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
