import { createSignal, For } from "solid-js";
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

/** A short confirmation below the header, read out by screen readers; errors stay until dismissed. */
export function toast(text: string, kind: Toast["kind"] = "success"): void {
  const id = nextId++;
  setToasts((list) => [...list, { id, text, kind }]);
  if (kind === "success") setTimeout(() => dismissToast(id), successMs);
}

export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={toasts()}>
        {(item) => (
          <div class={`toast ${item.kind}`} data-testid="toast">
            <span class="toast-text">{item.text}</span>
            <button
              type="button"
              class="toast-close"
              aria-label={t("toast.dismiss")}
              onClick={() => dismissToast(item.id)}
            >
              ×
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
