import { type JSX, splitProps } from "solid-js";
import { describedBy, Field } from "./ui.tsx";

type InputAttributes = Omit<
  JSX.InputHTMLAttributes<HTMLInputElement>,
  "id" | "value" | "onInput" | "aria-invalid" | "aria-describedby"
>;

/** A text input with its label, hint and error, tied together by `aria-describedby`. */
export function TextField(
  props: InputAttributes & {
    id: string;
    label: string;
    value: string;
    onValue: (value: string) => void;
    error?: string | undefined;
    hint?: string | undefined;
  },
) {
  const [own, input] = splitProps(props, ["id", "label", "value", "onValue", "error", "hint"]);
  return (
    <Field id={own.id} label={own.label} error={own.error} hint={own.hint}>
      <input
        type="text"
        {...input}
        id={own.id}
        value={own.value}
        aria-invalid={Boolean(own.error)}
        aria-describedby={describedBy(own.id, own.error, own.hint)}
        onInput={(event) => own.onValue(event.currentTarget.value)}
      />
    </Field>
  );
}
