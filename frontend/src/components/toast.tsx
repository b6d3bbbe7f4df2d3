import { createSignal, For, onCleanup, onMount } from "solid-js";
import { t } from "../i18n/index.ts";

interface Toast {
  id: number;
  text: string;
  kind: "success" | "error";
}

const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

/** Long enough to read a sentence twice; errors stay until dismissed. */
const successMs = 8_000;

export function dismissToast(id: number): void {
  setToasts((list) => list.filter((item) => item.id !== id));
}

/** A short message at the bottom corner, read out by screen readers; errors stay until dismissed. */
export function toast(text: string, kind: Toast["kind"] = "success"): void {
  const id = nextId++;
  setToasts((list) => [...list, { id, text, kind }]);
  if (kind === "success") setTimeout(() => dismissToast(id), successMs);
}

/**
 * The messages stack at the bottom (right on wide screens), away from the header and the
 * pages' toolbars; the region lets clicks through, only the messages themselves take them.
 * Escape closes the newest message unless a dialog is open (the Escape is the dialog's then).
 */
export function Toasts() {
  let region: HTMLDivElement | undefined;
  /** Closes a message; focus on its button goes on to the next message, or to the page. */
  const close = (id: number) => {
    const hadFocus = region?.contains(document.activeElement) ?? false;
    dismissToast(id);
    if (!hadFocus) return;
    const next = region?.querySelector<HTMLButtonElement>(".toast:last-child .toast-close");
    (next ?? document.getElementById("main"))?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    const newest = toasts().at(-1);
    if (!newest || document.querySelector("dialog[open]")) return;
    close(newest.id);
  };
  onMount(() => document.addEventListener("keydown", onKeyDown));
  onCleanup(() => document.removeEventListener("keydown", onKeyDown));
  return (
    <div class="toasts" role="status" aria-live="polite" ref={region}>
      <For each={toasts()}>
        {(item) => (
          <div class={`toast ${item.kind}`} data-testid="toast">
            <span class="toast-text">{item.text}</span>
            <button
              type="button"
              class="toast-close"
              aria-label={t("toast.dismiss")}
              onClick={() => close(item.id)}
            >
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
