import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection. The test process is not started with
 * `--expose-gc`, so the flag is set at run time and `gc` taken from a fresh
 * context (V8 installs it in contexts created after the flag is set).
 */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

export interface LiveMemory<T> {
  result: T;
  /** The highest heap after a full collection while `run` ran, less the same before it: what it held. */
  liveHeapGrowth: number;
  /** The same for memory outside the JS heap (Buffers: the upload's parts). */
  externalGrowth: number;
  samples: number;
  /** Time the collections took (the run is that much slower). */
  collectingMs: number;
}

/**
 * Runs `run` and, every `everyMs` and whenever `run` calls the `sample` it is
 * handed (at points that matter, however fast the run goes), collects garbage
 * and reads the heap: the peak of what is still reachable. The plain peak of `heapUsed` also counts
 * garbage V8 has not collected yet, and V8 lets more of it pile up the more a
 * process allocates, whatever it keeps: a long export shows a higher peak
 * without holding anything more.
 */
export async function liveMemoryWhile<T>(
  run: (sample: () => void) => Promise<T>,
  everyMs = 500,
): Promise<LiveMemory<T>> {
  const gc = collector();
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakExternal = before.external;
  let samples = 0;
  let collectingMs = 0;
  const sample = () => {
    const started = performance.now();
    gc();
    collectingMs += performance.now() - started;
    const { heapUsed, external } = process.memoryUsage();
    peakHeap = Math.max(peakHeap, heapUsed);
    peakExternal = Math.max(peakExternal, external);
    samples++;
  };
  const timer = setInterval(sample, everyMs);
  try {
    const result = await run(sample);
    return {
      result,
      liveHeapGrowth: peakHeap - before.heapUsed,
      externalGrowth: peakExternal - before.external,
      samples,
      collectingMs,
    };
  } finally {
    clearInterval(timer);
  }
}
