import type { Accessor, JSX, Resource } from "solid-js";
import { Show } from "solid-js";
import { ErrorBox, Loading } from "./ui.tsx";

/**
 * Error → loading → content for one resource. The resource's value is read only after its error
 * was ruled out (reading a failed resource throws), and the last value stays on screen while it
 * reloads. With `empty`, an empty list (or whatever `isEmpty` says) shows that text instead.
 */
export function AsyncView<T>(props: {
  resource: Resource<T>;
  retry: () => unknown;
  loading?: JSX.Element;
  empty?: string;
  isEmpty?: (value: NonNullable<T>) => boolean;
  children: (value: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  const isEmpty = (value: NonNullable<T>) =>
    props.empty !== undefined &&
    (props.isEmpty ? props.isEmpty(value) : Array.isArray(value) && value.length === 0);
  return (
    <Show
      when={!props.resource.error}
      fallback={<ErrorBox error={props.resource.error} retry={() => void props.retry()} />}
    >
      <Show when={props.resource.latest} fallback={props.loading ?? <Loading />}>
        {(value) => (
          <Show when={!isEmpty(value())} fallback={<div class="empty">{props.empty}</div>}>
            {props.children(value)}
          </Show>
        )}
      </Show>
    </Show>
  );
}
