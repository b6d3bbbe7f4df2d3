import { createResource, createSignal, For, Show } from "solid-js";
import type * as z from "zod";
import type { shopSchema } from "../../../../shared/contracts/shop.ts";
import { shopSlots } from "../../../../shared/domain/gamification/catalogue/shop.ts";
import { api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { ConfirmDialog } from "../../components/ConfirmDialog.tsx";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { toast } from "../../components/toast.tsx";
import { errorMessage } from "../../components/ui.tsx";
import { prefersReducedMotion, setSoundOn, soundOn } from "../../effects/settings.ts";
import { locale, t } from "../../i18n/index.ts";
import { coinsText, tCountFormatted } from "../../i18n/plural.ts";
import { setEquipped } from "./ShopIdentity.tsx";

type Shop = z.output<typeof shopSchema>;
type Entry = Shop["items"][number];

function ItemPreview(props: { entry: Entry }) {
  return (
    <span class={`shop-preview shop-preview-${props.entry.slot}`} aria-hidden="true">
      <Show when={props.entry.slot === "avatar"}>{props.entry.emoji}</Show>
      <Show when={props.entry.slot === "theme"}>
        <span class={`theme-swatch swatch-${props.entry.id}`} />
      </Show>
      <Show when={props.entry.slot === "frame"}>
        <span class={`identity-avatar ${props.entry.id}`}>🙂</span>
      </Show>
      <Show when={props.entry.slot === "title"}>🏷️</Show>
      <Show when={props.entry.slot === "effect"}>
        {{ booking: "🎉", trail: "✨", sound: "🔔", aura: "🌟" }[props.entry.effect ?? "booking"]}
      </Show>
    </span>
  );
}

/** The shop tab: every item by slot with price, rarity and state; buy (after a confirmation), equip, unequip. */
export function ShopPage() {
  const [shop, { refetch }] = createResource(async () => {
    const result = await api.call("getShop");
    setEquipped(result.equipped);
    return result;
  });
  const [buying, setBuying] = createSignal<Entry>();

  async function buy(entry: Entry) {
    try {
      const result = await api.call("purchaseShopItem", { params: { itemId: entry.id } });
      setEquipped(result.equipped);
      toast(t("shop.bought", { name: entry.name[locale()] }));
      setBuying(undefined);
      await refetch();
    } catch (error) {
      setBuying(undefined);
      toast(errorMessage(error), "error");
      await refetch();
    }
  }

  async function equip(entry: Entry) {
    try {
      setEquipped(await api.call("equipShopItem", { params: { itemId: entry.id } }));
      toast(t("shop.equippedToast", { name: entry.name[locale()] }));
      await refetch();
    } catch (error) {
      toast(errorMessage(error), "error");
    }
  }

  async function unequip(entry: Entry) {
    try {
      setEquipped(await api.call("unequipShopSlot", { params: { slot: entry.slot } }));
      toast(t("shop.unequippedToast"));
      await refetch();
    } catch (error) {
      toast(errorMessage(error), "error");
    }
  }

  return (
    <section class="shop-page" aria-labelledby="shop-title">
      <div class="page-head">
        <div>
          <h2 id="shop-title">{t("shop.title")}</h2>
          <p class="muted subtitle">{t("shop.intro")}</p>
        </div>
        <Show when={shop.latest}>
          {(current) => (
            <p class="shop-balance" data-testid="shop-balance">
              <span class="sr-only">{t("shop.balanceLabel")}: </span>
              <span aria-hidden="true">🪙 </span>
              {coinsText(current().coins)}
            </p>
          )}
        </Show>
      </div>
      <div class="shop-settings">
        <label class="checkbox">
          <input
            type="checkbox"
            checked={soundOn()}
            onChange={(event) => setSoundOn(event.currentTarget.checked)}
          />
          {t("shop.sound")}
        </label>
        <span class="hint small">{t("shop.soundHint")}</span>
        <Show when={prefersReducedMotion()}>
          <p class="hint small">{t("shop.motionHint")}</p>
        </Show>
      </div>
      <AsyncView
        resource={shop}
        retry={refetch}
        empty={t("shop.empty")}
        isEmpty={(value) => value.items.length === 0}
      >
        {(current) => (
          <For each={shopSlots}>
            {(slot) => (
              <section class="shop-slot" aria-labelledby={`shop-slot-${slot}`}>
                <h3 id={`shop-slot-${slot}`}>{t(`shop.slot.${slot}`)}</h3>
                <ul class="shop-grid">
                  <For each={current().items.filter((entry) => entry.slot === slot)}>
                    {(entry) => (
                      <li
                        class={`shop-item rarity-${entry.rarity}`}
                        classList={{ owned: entry.owned, equipped: entry.equipped, locked: entry.locked }}
                        data-item={entry.id}
                      >
                        <ItemPreview entry={entry} />
                        <div class="shop-item-body">
                          <strong class="shop-item-name">{entry.name[locale()]}</strong>
                          <span class="shop-rarity">{t(`shop.rarity.${entry.rarity}`)}</span>
                          <span class="shop-price">
                            {entry.price === 0 ? t("shop.free") : coinsText(entry.price)}
                          </span>
                          <Show when={entry.locked && !entry.owned}>
                            <span class="shop-locked">
                              <span aria-hidden="true">🔒 </span>
                              {t("shop.locked", { reason: entry.lockedReason ?? "" })}
                            </span>
                          </Show>
                          <Show when={!entry.owned && !entry.locked && !entry.affordable}>
                            <span class="shop-locked">
                              {tCountFormatted("shop.tooExpensive", entry.price - current().coins)}
                            </span>
                          </Show>
                        </div>
                        <div class="shop-item-actions">
                          <Show when={entry.equipped}>
                            <span class="badge ok">{t("shop.equipped")}</span>
                            <Show when={entry.price > 0}>
                              <LoaderButton class="button secondary small" onClick={() => unequip(entry)}>
                                {t("shop.unequip")}
                              </LoaderButton>
                            </Show>
                          </Show>
                          <Show when={entry.owned && !entry.equipped}>
                            <LoaderButton class="button primary small" onClick={() => equip(entry)}>
                              {t("shop.equip")}
                            </LoaderButton>
                          </Show>
                          <Show when={!entry.owned}>
                            <button
                              type="button"
                              class="button primary small"
                              disabled={entry.locked || !entry.affordable}
                              aria-label={t("shop.buyNamed", { name: entry.name[locale()] })}
                              onClick={() => setBuying(entry)}
                            >
                              {t("shop.buy")}
                            </button>
                          </Show>
                        </div>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            )}
          </For>
        )}
      </AsyncView>
      <Show when={buying()}>
        {(entry) => (
          <ConfirmDialog
            title={t("shop.confirmTitle")}
            confirmLabel={t("shop.buy")}
            onConfirm={() => buy(entry())}
            onClose={() => setBuying(undefined)}
          >
            {t("shop.confirmText", {
              name: entry().name[locale()],
              price: coinsText(entry().price),
              rest: coinsText((shop.latest?.coins ?? 0) - entry().price),
            })}
          </ConfirmDialog>
        )}
      </Show>
    </section>
  );
}
