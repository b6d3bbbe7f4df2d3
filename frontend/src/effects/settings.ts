import { createSignal } from "solid-js";

/**
 * Sound is off until the agent turns it on (an office full of phones does not
 * need more noise); the choice stays on this device.
 */
const soundKey = "slot-booking.effects.sound";
const [soundOn, setSoundSignal] = createSignal(localStorage.getItem(soundKey) === "on");

export { soundOn };

export function setSoundOn(on: boolean): void {
  localStorage.setItem(soundKey, on ? "on" : "off");
  setSoundSignal(on);
}

/** Motion effects stay off for people who asked their system for less motion. */
export function prefersReducedMotion(): boolean {
  return window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
}
