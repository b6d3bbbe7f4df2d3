/**
 * The effects themselves, loaded on first use. Particles are plain elements
 * animated with the Web Animations API (no canvas, no library: a few dozen
 * nodes that remove themselves); sounds are synthesised with Web Audio, so
 * there are no media files to fetch.
 */

interface BurstStyle {
  glyphs?: string[];
  colours: string[];
  count: number;
  /** Particles rise instead of falling (rocket, fireworks). */
  rise?: boolean;
}

const confettiColours = ["#ef4444", "#f59e0b", "#eab308", "#22c55e", "#3b82f6", "#8b5cf6", "#ec4899"];

const bursts: Record<string, BurstStyle> = {
  "effect-confetti": { colours: confettiColours, count: 90 },
  "effect-coin-rain": { glyphs: ["🪙"], colours: ["#eab308"], count: 40 },
  "effect-stars": { glyphs: ["⭐", "✨", "🌟"], colours: ["#facc15"], count: 50 },
  "effect-fireworks": { glyphs: ["🎆", "🎇", "✨"], colours: confettiColours, count: 40, rise: true },
  "effect-rocket": { glyphs: ["🚀"], colours: ["#f97316"], count: 8, rise: true },
};

/**
 * A full-screen layer for particles. A popover sits in the top layer, so the
 * effect shows above an open modal dialog (the booking dialog) too.
 */
function layer(): HTMLElement {
  const element = document.createElement("div");
  element.className = "effects-layer";
  element.setAttribute("aria-hidden", "true");
  element.popover = "manual";
  Object.assign(element.style, {
    position: "fixed",
    inset: "0",
    width: "100vw",
    height: "100vh",
    margin: "0",
    padding: "0",
    border: "0",
    background: "transparent",
    pointerEvents: "none",
    overflow: "hidden",
    zIndex: "1000",
  });
  document.body.append(element);
  element.showPopover?.();
  return element;
}

/** A burst of particles over the page that cleans up after itself (about 2.5 s). */
export function burst(effectId: string): void {
  const style = bursts[effectId] ?? (bursts["effect-confetti"] as BurstStyle);
  const container = layer();
  container.classList.add("confetti");
  container.dataset.effect = effectId;
  const width = window.innerWidth;
  const height = window.innerHeight;
  const animations: Promise<unknown>[] = [];
  for (let index = 0; index < style.count; index++) {
    const piece = document.createElement("span");
    piece.className = "confetti-piece";
    const colour = style.colours[index % style.colours.length] ?? "#3b82f6";
    const glyph = style.glyphs?.[index % style.glyphs.length];
    Object.assign(piece.style, {
      position: "absolute",
      left: `${Math.random() * width}px`,
      top: style.rise ? `${height}px` : "-20px",
      width: glyph ? "auto" : "8px",
      height: glyph ? "auto" : "14px",
      background: glyph ? "transparent" : colour,
      fontSize: glyph ? "1.4rem" : "0",
      borderRadius: "2px",
    });
    if (glyph) piece.textContent = glyph;
    container.append(piece);
    const drift = (Math.random() - 0.5) * 240;
    const travel = style.rise ? -(height * (0.5 + Math.random() * 0.5)) : height + 40;
    const animation = piece.animate(
      [
        { transform: "translate(0, 0) rotate(0deg)", opacity: 1 },
        { transform: `translate(${drift}px, ${travel}px) rotate(${Math.random() * 720}deg)`, opacity: 0.2 },
      ],
      { duration: 1600 + Math.random() * 900, easing: "cubic-bezier(.2,.6,.4,1)", fill: "forwards" },
    );
    animations.push(animation.finished.catch(() => undefined));
  }
  void Promise.all(animations).then(() => container.remove());
}

let audio: AudioContext | undefined;

/** A short synthesised sound: a bell for bookings, a soft click for typing. */
export function playSound(effectId: string): void {
  audio ??= new AudioContext();
  const context = audio;
  const typing = effectId === "effect-typing-sound";
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = typing ? "square" : "sine";
  oscillator.frequency.value = typing ? 1800 : 880;
  const length = typing ? 0.03 : 0.6;
  gain.gain.setValueAtTime(typing ? 0.03 : 0.15, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + length);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + length);
}

function trail(glyphs: string[]): () => void {
  const container = layer();
  let last = 0;
  const onMove = (event: PointerEvent) => {
    const now = performance.now();
    if (now - last < 40) return;
    last = now;
    const spark = document.createElement("span");
    spark.textContent = glyphs[Math.floor(Math.random() * glyphs.length)] ?? "✨";
    Object.assign(spark.style, {
      position: "absolute",
      left: `${event.clientX}px`,
      top: `${event.clientY}px`,
      fontSize: "0.9rem",
    });
    container.append(spark);
    spark
      .animate(
        [
          { transform: "translate(-50%, -50%) scale(1)", opacity: 1 },
          { transform: "translate(-50%, 10px) scale(0.3)", opacity: 0 },
        ],
        { duration: 700, fill: "forwards" },
      )
      .finished.then(() => spark.remove())
      .catch(() => spark.remove());
  };
  window.addEventListener("pointermove", onMove, { passive: true });
  return () => {
    window.removeEventListener("pointermove", onMove);
    container.remove();
  };
}

/** Effects that run while worn; returns how to stop them. */
export function startAmbient(effectId: string, soundOn: () => boolean): () => void {
  if (effectId === "effect-glitter-trail") return trail(["✨", "·", "⋆"]);
  if (effectId === "effect-rainbow-trail") return trail(["🟥", "🟧", "🟨", "🟩", "🟦", "🟪"]);
  if (effectId === "effect-typing-sound") {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target;
      const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
      if (typing && soundOn() && event.key.length === 1) playSound(effectId);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }
  return () => undefined;
}
