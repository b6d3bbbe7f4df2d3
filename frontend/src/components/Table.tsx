import { For, type JSX, type Resource, Show } from "solid-js";
import { t } from "../i18n/index.ts";
import { AsyncView } from "./AsyncView.tsx";

/** A data table in a card: column headings, and with `actions` a last column for row buttons. */
export function Table(props: {
  columns: string[];
  actions?: boolean;
  busy?: boolean;
  children: JSX.Element;
}) {
  return (
    <div class="table-wrap card flush">
      <table class="table" aria-busy={props.busy}>
        <thead>
          <tr>
            <For each={props.columns}>{(column) => <th scope="col">{column}</th>}</For>
            <Show when={props.actions}>
              <th scope="col">
                <span class="sr-only">{t("admin.actions")}</span>
              </th>
            </Show>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A table of the rows of a resource, behind its error and loading states (see `AsyncView`). */
export function ResourceTable<T, Row>(props: {
  resource: Resource<T>;
  retry: () => unknown;
  rows: (value: NonNullable<T>) => Row[];
  columns: string[];
  actions?: boolean;
  empty?: string;
  children: (row: Row) => JSX.Element;
}) {
  return (
    <AsyncView
      resource={props.resource}
      retry={props.retry}
      {...(props.empty === undefined ? {} : { empty: props.empty })}
      isEmpty={(value) => props.rows(value).length === 0}
    >
      {(value) => (
        <Table columns={props.columns} actions={Boolean(props.actions)} busy={props.resource.loading}>
          <For each={props.rows(value())}>{(row) => props.children(row)}</For>
        </Table>
      )}
    </AsyncView>
  );
}

/** The last cell of a row, holding its buttons. */
export function RowActions(props: { children: JSX.Element }) {
  return (
    <td class="actions-cell">
      <div class="row-actions">{props.children}</div>
    </td>
  );
}
