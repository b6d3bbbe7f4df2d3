import { createSignal, type JSX, Show } from "solid-js";
import { Spinner } from "./ui.tsx";

/**
 * A button that shows progress and ignores clicks while its work runs: either `busy` from a form it
 * submits, or the promise its `onClick` returns.
 */
export function LoaderButton(props: {
  type?: "button" | "submit";
  class?: string;
  busy?: boolean;
  /** Shown instead of the label while busy; without it the label stays next to the spinner. */
  busyLabel?: string;
  disabled?: boolean;
  "aria-label"?: string;
  onClick?: () => unknown;
  children: JSX.Element;
}) {
  const [running, setRunning] = createSignal(false);
  const busy = () => Boolean(props.busy) || running();
  async function click() {
    if (busy() || !props.onClick) return;
    const result = props.onClick();
    if (!(result instanceof Promise)) return;
    setRunning(true);
    try {
      await result;
    } finally {
      setRunning(false);
    }
  }
  return (
    <button
      type={props.type ?? "button"}
      class={props.class ?? "button primary"}
      disabled={busy() || props.disabled}
      aria-busy={busy()}
      aria-label={props["aria-label"]}
      onClick={() => void click()}
    >
      <Show when={busy()} fallback={props.children}>
        <Spinner label={props.busyLabel} /> {props.busyLabel ?? props.children}
      </Show>
    </button>
  );
}
