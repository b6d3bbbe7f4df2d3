import { Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { exportWorkerVariable } from "../../functions/exports/start-worker.ts";
import { exportWorkerLimits } from "../../stacks/export-worker.ts";
import { type CfnResource, props, resourcesOf, synthesizeApp } from "./fixture.ts";

let synth: ReturnType<typeof synthesizeApp>;
// Permissions and wiring only: the bundles themselves are checked by the app test's synth
// (bundling every function again here would double the slowest part of the unit tests).
beforeAll(() => {
  synth = synthesizeApp({ stage: "dev", "aws:cdk:bundling-stacks": [] });
}, 900_000);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
type FunctionProps = {
  Environment?: { Variables?: Record<string, unknown> };
  Role: unknown;
  Timeout?: number;
  MemorySize?: number;
  Code: { S3Key: string };
};

function functionNamed(template: Template, service: string): [string, FunctionProps] {
  const found = resourcesOf(template, "AWS::Lambda::Function").find(
    ([, resource]) =>
      props<FunctionProps>(resource).Environment?.Variables?.POWERTOOLS_SERVICE_NAME ===
      `slot-booking-${service}`,
  );
  if (!found) throw new Error(`no function ${service}`);
  return [found[0], props<FunctionProps>(found[1])];
}

/** The allow statements of the policies attached to a function's role. */
function statementsOf(template: Template, fn: FunctionProps): Statement[] {
  const role = JSON.stringify(fn.Role).match(/"([A-Za-z0-9]+)","Arn"/)?.[1];
  return resourcesOf(template, "AWS::IAM::Policy")
    .filter(([, policy]) => JSON.stringify(props(policy).Roles).includes(`"Ref":"${role}"`))
    .flatMap(
      ([, policy]) => props<{ PolicyDocument: { Statement: Statement[] } }>(policy).PolicyDocument.Statement,
    );
}

const actions = (statement: Statement) => ([] as string[]).concat(statement.Action);

/** Every S3 object statement's resources, as JSON (an ARN built from the bucket's GetAtt and a suffix). */
function s3ObjectStatements(statements: Statement[]) {
  return statements.filter((statement) =>
    actions(statement).some((action) => /^s3:(Get|Put|Abort)/.test(action)),
  );
}

describe("export worker", () => {
  it("is its own Lambda with room for long exports", () => {
    const [, worker] = functionNamed(synth.templates.jobs, "export-worker");
    expect(worker.Timeout).toBe(exportWorkerLimits.timeout.toSeconds());
    expect(worker.MemorySize).toBe(exportWorkerLimits.memorySize);
  });

  it("sends invocations that failed after Lambda's retries to a dead-letter queue, alarmed on its depth", () => {
    const template = synth.templates.jobs;
    const [workerId] = functionNamed(template, "export-worker");
    const configs = resourcesOf(template, "AWS::Lambda::EventInvokeConfig").filter(([, config]) =>
      JSON.stringify(props(config).FunctionName).includes(workerId),
    );
    expect(configs).toHaveLength(1);
    const config = props<{
      MaximumRetryAttempts: number;
      DestinationConfig: { OnFailure: { Destination: { "Fn::GetAtt": [string, string] } } };
    }>(configs[0]![1]);
    expect(config.MaximumRetryAttempts).toBe(exportWorkerLimits.retryAttempts);
    const queueId = config.DestinationConfig.OnFailure.Destination["Fn::GetAtt"][0];
    expect(template.toJSON().Resources[queueId].Type).toBe("AWS::SQS::Queue");
    template.hasResourceProperties(
      "AWS::CloudWatch::Alarm",
      Match.objectLike({
        MetricName: "ApproximateNumberOfMessagesVisible",
        Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [queueId, "QueueName"] } }],
        Threshold: 0,
        AlarmActions: Match.anyValue(),
      }),
    );
  });

  it("may read and write export objects under exports/ only, and scan the table", () => {
    const template = synth.templates.jobs;
    const [, worker] = functionNamed(template, "export-worker");
    const statements = statementsOf(template, worker);
    const objects = s3ObjectStatements(statements);
    expect(objects.flatMap(actions).sort()).toEqual([
      "s3:AbortMultipartUpload",
      "s3:GetObject",
      "s3:PutObject",
    ]);
    for (const statement of objects) expect(JSON.stringify(statement.Resource)).toMatch(/"\/exports\/\*"\]/);
    expect(statements.flatMap(actions)).toContain("dynamodb:Scan");
    expect(statements.flatMap(actions)).not.toContain("s3:DeleteObject");
  });
});

describe("who starts the worker", () => {
  it("the exports API: knows the worker's name, may invoke exactly it, and may presign reads under exports/ only", () => {
    const [, api] = functionNamed(synth.templates.api, "exports");
    expect(api.Environment?.Variables?.[exportWorkerVariable]).toBeDefined();
    const statements = statementsOf(synth.templates.api, api);
    const invoke = statements.filter((statement) => actions(statement).includes("lambda:InvokeFunction"));
    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0]!.Resource)).toMatch(/ExportsWorker/);
    const objects = s3ObjectStatements(statements);
    expect(objects.flatMap(actions)).toEqual(["s3:GetObject"]);
    expect(JSON.stringify(objects[0]!.Resource)).toMatch(/"\/exports\/\*"\]/);
  });

  it("the scheduled-exports job: scheduled hourly, and may invoke the worker", () => {
    const template = synth.templates.jobs;
    const [jobId, job] = functionNamed(template, "run-scheduled-exports");
    expect(job.Environment?.Variables?.[exportWorkerVariable]).toBeDefined();
    expect(
      statementsOf(template, job).some((statement) => actions(statement).includes("lambda:InvokeFunction")),
    ).toBe(true);
    const schedules = resourcesOf(template, "AWS::Scheduler::Schedule").filter(
      ([, schedule]: [string, CfnResource]) => JSON.stringify(props(schedule).Target).includes(jobId),
    );
    expect(schedules).toHaveLength(1);
    expect(props<{ ScheduleExpression: string }>(schedules[0]![1]).ScheduleExpression).toBe(
      "cron(20 * * * ? *)",
    );
  });

  it("nobody else may touch export objects: no other function gets rights under exports/", () => {
    for (const template of synth.all) {
      for (const [, resource] of resourcesOf(template, "AWS::Lambda::Function")) {
        const fn = props<FunctionProps>(resource);
        const service = fn.Environment?.Variables?.POWERTOOLS_SERVICE_NAME;
        if (service === "slot-booking-export-worker" || service === "slot-booking-exports") continue;
        if (typeof service !== "string") continue;
        const onExports = s3ObjectStatements(statementsOf(template, fn)).filter((statement) =>
          JSON.stringify(statement.Resource).includes("/exports/"),
        );
        expect(onExports, service).toEqual([]);
      }
    }
  });
});
