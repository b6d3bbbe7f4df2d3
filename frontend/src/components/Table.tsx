import { For, type JSX, Show } from "solid-js";
import { t } from "../i18n/index.ts";

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
