import type { EquippedItem } from "../pages/progress/ShopIdentity.tsx";
import { prefersReducedMotion, soundOn } from "./settings.ts";

/**
 * The small, always-loaded door to the effects: it decides whether an effect
 * may play (reduced motion, sound switched on) and only then loads the
 * effects module, so no page pays for it up front.
 */
const loadEffects = () => import("./effects.ts");

let worn: EquippedItem | undefined;
let stopAmbient: (() => void) | undefined;

/** The worn effect changed: start or stop what runs all the time (trails, typing sound). */
export function wearEffect(effect: EquippedItem | undefined): void {
  if (worn?.id === effect?.id) return;
  worn = effect;
  stopAmbient?.();
  stopAmbient = undefined;
  if (!effect) return;
  const ambient =
    effect.effect === "trail" || (effect.effect === "sound" && effect.id === "effect-typing-sound");
  if (!ambient) return;
  if (effect.effect === "trail" && prefersReducedMotion()) return;
  void loadEffects().then((module) => {
    // Worn something else while loading: that call started its own.
    if (worn?.id !== effect.id) return;
    stopAmbient = module.startAmbient(effect.id, soundOn);
  });
}

/**
 * One call from the booking dialog's success path: confetti (or the worn
 * booking effect instead), and the worn sound if sound is on.
 */
export function celebrateBooking(): void {
  const motion = !prefersReducedMotion();
  const sound = soundOn() && worn?.effect === "sound";
  if (!motion && !sound) return;
  void loadEffects().then((module) => {
    if (motion) module.burst(worn?.effect === "booking" ? worn.id : "effect-confetti");
    if (sound) module.playSound(worn?.id ?? "effect-bell");
  });
}
