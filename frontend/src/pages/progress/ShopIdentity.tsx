import { createEffect, createRoot, createSignal, Show } from "solid-js";
import type * as z from "zod";
import type { equippedSchema } from "../../../../shared/contracts/shop.ts";
import { api } from "../../api/client.ts";
import { wearEffect } from "../../effects/index.ts";
import { locale } from "../../i18n/index.ts";
import { user } from "../../session.ts";
import "../../styles/themes.css";

/**
 * What the signed-in agent wears from the shop: the theme on <html data-theme>
 * and the avatar, frame and title next to the name in the header.
 */
export type Equipped = z.output<typeof equippedSchema>;
export type EquippedItem = NonNullable<Equipped["theme"]>;

const themeKey = "slot-booking.theme";

/** `theme-emerald` → `emerald`; the standard theme is the style sheet's default (no attribute). */
function applyTheme(themeId: string | undefined): void {
  const name = themeId?.replace(/^theme-/, "");
  if (name && name !== "standard") {
    document.documentElement.dataset.theme = name;
    localStorage.setItem(themeKey, name);
  } else {
    delete document.documentElement.dataset.theme;
    localStorage.removeItem(themeKey);
  }
}

// Before the first render: the last known theme from this device, so the page does not flash the standard colours.
const cachedTheme = localStorage.getItem(themeKey);
if (cachedTheme) document.documentElement.dataset.theme = cachedTheme;

const [equipped, setEquippedSignal] = createSignal<Equipped>({});

export { equipped };

/** Called with every answer that says what is worn (shop page, purchase, equip). */
export function setEquipped(next: Equipped): void {
  setEquippedSignal(next);
  applyTheme(next.theme?.id);
  wearEffect(next.effect);
}

// Signed in: read what this user wears; signed out: back to the standard look.
createRoot(() => {
  createEffect(() => {
    const current = user();
    if (current === undefined) return;
    if (current === null) {
      setEquipped({});
      return;
    }
    api
      .call("getEquipped", { params: { username: current.username } })
      .then(setEquipped)
      .catch(() => undefined); // The header works without cosmetics.
  });
});

/** Avatar (in its frame), name and title, next to the user menu. */
export function Identity(props: { name: string; role: string }) {
  const text = (item: EquippedItem | undefined) => (item ? item.name[locale()] : "");
  return (
    <span
      class={`identity${equipped().effect?.effect === "aura" ? ` aura-${equipped().effect?.id}` : ""}`}
      data-testid="identity"
    >
      <Show when={equipped().avatar}>
        {(avatar) => (
          <span
            class={`identity-avatar ${equipped().frame?.id ?? ""}`}
            role="img"
            aria-label={text(avatar())}
            title={[text(avatar()), text(equipped().frame)].filter(Boolean).join(" · ")}
          >
            {avatar().emoji}
          </span>
        )}
      </Show>
      {/* A long name or title is cut with an ellipsis; the tooltip shows it whole. */}
      <span class="user-name">
        <span class="identity-name" title={props.name}>
          {props.name}
        </span>
        <Show when={equipped().title} fallback={<small title={props.role}>{props.role}</small>}>
          {(title) => (
            <small class="identity-title" title={`${text(title())} · ${props.role}`}>
              {text(title())} · {props.role}
            </small>
          )}
        </Show>
      </span>
    </span>
  );
}
