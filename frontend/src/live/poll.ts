import { onCleanup } from "solid-js";

export interface LivePollOptions<T> {
  /** Wait between two checks while the page is visible and the last one succeeded. */
  intervalMs: number;
  /** Waits after failures, in turn; the last one repeats. */
  backoffMs?: readonly number[];
  /**
   * One conditional request: `undefined` when nothing changed (304), else the
   * new value and its ETag, which the next check sends as `If-None-Match`.
   */
  check: (etag: string | undefined) => Promise<{ result: T; etag: string | undefined } | undefined>;
  onChange: (value: T) => void;
  /** The ETag of the value already on screen (from the page's own load). */
  etag?: string | undefined;
}

export interface LivePoll {
  /** Check now (e.g. after the page changed the data itself), then keep the rhythm. */
  now(): void;
  stop(): void;
}

const defaultBackoffMs = [5_000, 10_000, 20_000, 40_000, 60_000];

/**
 * Keeps a value fresh while people look at it: checks every `intervalMs`
 * with the last ETag (unchanged data costs a 304 and no rendering), waits
 * longer after each failure, and does nothing while the tab is hidden — a
 * hidden tab is checked as soon as it is shown again.
 */
export function startLivePoll<T>(options: LivePollOptions<T>): LivePoll {
  let etag = options.etag;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;
  const backoff = options.backoffMs ?? defaultBackoffMs;
  const visible = () => document.visibilityState === "visible";

  function schedule() {
    clearTimeout(timer);
    if (stopped || !visible()) return;
    const wait =
      failures === 0 ? options.intervalMs : (backoff[Math.min(failures, backoff.length) - 1] ?? 60_000);
    timer = setTimeout(() => void tick(), wait);
  }

  async function tick() {
    if (stopped || running || !visible()) return;
    running = true;
    try {
      const answer = await options.check(etag);
      if (stopped) return;
      failures = 0;
      if (answer) {
        etag = answer.etag;
        options.onChange(answer.result);
      }
    } catch {
      failures++;
    } finally {
      running = false;
      schedule();
    }
  }

  const onVisibility = () => {
    if (visible()) void tick();
    else clearTimeout(timer);
  };
  document.addEventListener("visibilitychange", onVisibility);
  schedule();

  return {
    now() {
      clearTimeout(timer);
      void tick();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    },
  };
}

/** `startLivePoll` owned by the current component: stopped with it. */
export function createLivePoll<T>(options: LivePollOptions<T>): LivePoll {
  const poll = startLivePoll(options);
  onCleanup(() => poll.stop());
  return poll;
}
