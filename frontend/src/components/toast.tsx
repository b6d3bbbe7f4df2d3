import { createSignal, For } from "solid-js";

interface Toast {
  id: number;
  text: string;
  kind: "success" | "error";
}

const [toasts, setToasts] = createSignal<Toast[]>([]);
let nextId = 1;

/** A short confirmation in the corner, read out by screen readers. */
export function toast(text: string, kind: Toast["kind"] = "success"): void {
  const id = nextId++;
  setToasts((list) => [...list, { id, text, kind }]);
  setTimeout(() => setToasts((list) => list.filter((item) => item.id !== id)), 5000);
}

export function Toasts() {
  return (
    <div class="toasts" role="status" aria-live="polite">
      <For each={toasts()}>{(item) => <div class={`toast ${item.kind}`}>{item.text}</div>}</For>
    </div>
  );
}
