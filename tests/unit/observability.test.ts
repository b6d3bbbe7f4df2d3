import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { afterEach, describe, expect, it, vi } from "vitest";
import { emitMetric, metricNames, metricsNamespace } from "../../shared/http/observability.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("emitMetric", () => {
  it("writes the metric at once as an EMF line in the app's namespace (what the alarms query)", () => {
    // The test config silences metrics; this test reads them, through the global console.
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
    vi.stubEnv("POWERTOOLS_DEV", "true");
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => {
      lines.push(line);
    });
    emitMetric(metricNames.calendarSyncFailed);
    emitMetric(metricNames.oldestSyncRetryAge, 5400, MetricUnit.Seconds);
    vi.unstubAllEnvs();
    const emitted = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(emitted).toHaveLength(2);
    expect(emitted[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          { Namespace: metricsNamespace, Metrics: [{ Name: "CalendarSyncFailed", Unit: "Count" }] },
        ],
      },
      CalendarSyncFailed: 1,
    });
    expect(emitted[1]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Metrics: [{ Name: "OldestSyncRetryAge", Unit: "Seconds" }] }] },
      OldestSyncRetryAge: 5400,
    });
  });
});
