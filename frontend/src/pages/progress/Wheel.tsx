import { createResource, createSignal, For, Show } from "solid-js";
import type { SpinView, WheelView } from "../../../../shared/contracts/quests.ts";
import { ApiError, api } from "../../api/client.ts";
import { AsyncView } from "../../components/AsyncView.tsx";
import { LoaderButton } from "../../components/LoaderButton.tsx";
import { errorMessage } from "../../components/ui.tsx";
import { formatDateTime, locale, t } from "../../i18n/index.ts";
import { coinsText, tCountFormatted } from "../../i18n/plural.ts";

const spinMs = 4_200;
const radius = 140;
const centre = 150;

function reducedMotion(): boolean {
  return window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
}

/** Slice angles (degrees, clockwise from the top) proportional to the prizes' weights: the wheel shows the real odds. */
function slices(wheel: WheelView) {
  let start = 0;
  return wheel.prizes.map((prize) => {
    const sweep = (prize.weight / wheel.totalWeight) * 360;
    const slice = { prize, start, sweep, middle: start + sweep / 2 };
    start += sweep;
    return slice;
  });
}

function point(angle: number, r: number): [number, number] {
  const radians = ((angle - 90) * Math.PI) / 180;
  return [centre + r * Math.cos(radians), centre + r * Math.sin(radians)];
}

function slicePath(start: number, sweep: number): string {
  const [x1, y1] = point(start, radius);
  const [x2, y2] = point(start + sweep, radius);
  return `M ${centre} ${centre} L ${x1} ${y1} A ${radius} ${radius} 0 ${sweep > 180 ? 1 : 0} 1 ${x2} ${y2} Z`;
}

function WheelFigure(props: { wheel: WheelView; rotation: number; animate: boolean }) {
  return (
    <svg
      class="wheel-svg"
      viewBox="0 0 300 310"
      role="img"
      aria-label={t("wheel.figure", { count: props.wheel.prizes.length })}
    >
      <g
        class="wheel-disc"
        style={{
          transform: `rotate(${props.rotation}deg)`,
          "transform-origin": `${centre}px ${centre}px`,
          transition: props.animate ? `transform ${spinMs}ms cubic-bezier(0.17, 0.67, 0.21, 1)` : "none",
        }}
      >
        <For each={slices(props.wheel)}>
          {(slice) => {
            const [x, y] = point(slice.middle, radius * 0.78);
            return (
              <g data-prize={slice.prize.id}>
                <path
                  d={slicePath(slice.start, slice.sweep)}
                  fill={slice.prize.color}
                  stroke="#fff"
                  stroke-width="2"
                />
                <text
                  x={x}
                  y={y}
                  text-anchor="middle"
                  dominant-baseline="central"
                  font-size={slice.sweep > 20 ? "22" : "14"}
                >
                  {slice.prize.emoji}
                </text>
              </g>
            );
          }}
        </For>
        <circle cx={centre} cy={centre} r="22" fill="#fff" stroke="#172033" stroke-width="3" />
      </g>
      {/* The pointer at the top: the slice under it is the prize. */}
      <polygon points={`${centre - 14},0 ${centre + 14},0 ${centre},30`} fill="#172033" />
    </svg>
  );
}

/** The Glücksrad: spins to the prize the server drew; the result is announced once the wheel stops. */
export function Wheel(props: { onSpun?: () => void }) {
  const [wheel, { refetch, mutate }] = createResource(() => api.call("getWheel"));
  const [rotation, setRotation] = createSignal(0);
  const [animate, setAnimate] = createSignal(false);
  const [announcement, setAnnouncement] = createSignal("");
  const [error, setError] = createSignal<string>();

  async function spin(current: WheelView) {
    setError(undefined);
    setAnnouncement(t("wheel.spinning"));
    let result: { spin: SpinView; balance: WheelView["balance"] };
    try {
      result = await api.call("spinWheel", { query: { pay: "auto" } });
    } catch (caught) {
      setAnnouncement("");
      setError(
        caught instanceof ApiError && caught.status === 409 ? t("wheel.notEnough") : errorMessage(caught),
      );
      return;
    }
    const target = slices(current).find((slice) => slice.prize.id === result.spin.prizeId);
    const motion = !reducedMotion();
    // Land the prize's slice under the pointer, a little off its centre, after a few full turns.
    const landing = 360 - (target?.middle ?? 0);
    const base = rotation() - (rotation() % 360);
    setAnimate(motion);
    setRotation(base + (motion ? 5 * 360 : 360) + landing);
    await new Promise((resolve) => setTimeout(resolve, motion ? spinMs : 0));
    setAnnouncement(
      result.spin.kind === "nothing"
        ? `${t("wheel.result", { emoji: result.spin.emoji, label: result.spin.label })} ${t("wheel.resultNothing")}`
        : t("wheel.result", { emoji: result.spin.emoji, label: result.spin.label }),
    );
    mutate({ ...current, balance: result.balance, spins: [result.spin, ...current.spins].slice(0, 100) });
    props.onSpun?.();
  }

  return (
    <section class="card wheel" aria-labelledby="wheel-title">
      <h2 id="wheel-title">🎡 {t("wheel.title")}</h2>
      <AsyncView resource={wheel} retry={refetch}>
        {(current) => (
          <div class="wheel-layout">
            <div class="wheel-stage">
              <WheelFigure wheel={current()} rotation={rotation()} animate={animate()} />
              <p class="wheel-result" role="status" aria-live="polite" data-testid="wheel-result">
                {announcement()}
              </p>
            </div>
            <div class="wheel-side">
              <p>{t("wheel.intro", { coins: coinsText(current().cost.coins) })}</p>
              <p class="wheel-balance" data-testid="wheel-balance">
                {t("wheel.balance", {
                  coins: coinsText(current().balance.coins),
                  spins: tCountFormatted("plural.bonusSpins", current().balance.bonusSpins),
                })}
              </p>
              <LoaderButton
                class="button primary"
                busyLabel={t("wheel.spinning")}
                disabled={current().balance.bonusSpins < 1 && current().balance.coins < current().cost.coins}
                onClick={() => spin(current())}
              >
                {current().balance.bonusSpins > 0
                  ? t("wheel.spinBonus")
                  : t("wheel.spinCoins", { coins: coinsText(current().cost.coins) })}
              </LoaderButton>
              <Show when={error()}>
                <p class="notice error" role="alert">
                  {error()}
                </p>
              </Show>
              <details class="wheel-odds">
                <summary>{t("wheel.prizes")}</summary>
                <ul>
                  <For each={current().prizes}>
                    {(prize) => (
                      <li>
                        <span aria-hidden="true">{prize.emoji}</span> {prize.label} –{" "}
                        {t("wheel.chance", {
                          percent: new Intl.NumberFormat(locale() === "de" ? "de-DE" : "en-GB", {
                            maximumFractionDigits: 1,
                          }).format((prize.weight / current().totalWeight) * 100),
                        })}
                      </li>
                    )}
                  </For>
                </ul>
              </details>
              <h3>{t("wheel.history")}</h3>
              <Show
                when={current().spins.length > 0}
                fallback={<p class="muted">{t("wheel.historyEmpty")}</p>}
              >
                <ol class="wheel-history">
                  <For each={current().spins.slice(0, 10)}>
                    {(spin) => (
                      <li>
                        <span aria-hidden="true">{spin.emoji}</span> {spin.label}{" "}
                        <span class="muted small">
                          {formatDateTime(spin.at)} ·{" "}
                          {t(spin.payment === "coins" ? "wheel.paidCoins" : "wheel.paidBonus")}
                        </span>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </div>
          </div>
        )}
      </AsyncView>
    </section>
  );
}
