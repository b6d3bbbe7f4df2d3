import { CfnOutput, Duration, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  type CfnStage,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { Construct } from "constructs";
import { jobFunctionVariable, type RunnableJob, runnableJobs } from "../shared/contracts/jobs.ts";
import { type Feature, routeKey } from "../shared/http/route-types.ts";
import { routeEntries } from "../shared/http/routes.ts";
import { errorRateAlarm } from "./alarms.ts";
import { AppFunction } from "./app-function.ts";
import { allowStartingExports } from "./export-worker.ts";
import { lambdaSpecs } from "./functions.ts";
import type { Resources } from "./permissions.ts";
import type { StageConfig } from "./stage.ts";

export interface ApiStackProps extends StackProps {
  config: StageConfig;
  resources: Resources;
  alarmTopic: ITopic;
  /** The job functions admins may start ("run now" invokes them asynchronously). */
  jobFunctions: ReadonlyMap<string, { function: IFunction }>;
  /** The export worker the exports feature starts (asynchronously). */
  exportWorker: IFunction;
}

/** Per-feature sizing; login and user creation hash passwords with scrypt (128 MiB, CPU-bound). */
const featureMemory: Partial<Record<Feature, number>> = { auth: 1024, admin: 1024 };

/** Stage-wide limits; routes with `throttle` in the route table get their own. */
const defaultThrottle = { rateLimit: 100, burstLimit: 200 };

/**
 * The HTTP API, built from the route table: one Lambda per feature, one
 * route per route-table entry, per-route throttling where the table asks for it.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly functions = new Map<Feature, AppFunction>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, resources, alarmTopic } = props;

    this.api = new HttpApi(this, "HttpApi", {
      apiName: `${config.prefix}-api`,
      description: "slot-booking API; reached through CloudFront under /api",
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, "AccessLogs", {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    const stage = new HttpStage(this, "DefaultStage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      throttle: defaultThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No query strings, headers or bodies: they can carry customers' data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            time: "$context.requestTime",
            ip: "$context.identity.sourceIp",
            method: "$context.httpMethod",
            routeKey: "$context.routeKey",
            status: "$context.status",
            latencyMs: "$context.responseLatency",
            integrationLatencyMs: "$context.integrationLatency",
            integrationError: "$context.integrationErrorMessage",
            responseLength: "$context.responseLength",
          }),
        ),
      },
    });

    const integrations = new Map<Feature, HttpLambdaIntegration>();
    for (const spec of lambdaSpecs) {
      if (spec.kind !== "feature") continue;
      const fn = new AppFunction(this, `Feature-${spec.name}`, {
        spec,
        config,
        resources,
        alarmTopic,
        memorySize: featureMemory[spec.name],
        timeout: Duration.seconds(15),
        description: `slot-booking ${config.stage} API feature ${spec.name}`,
      });
      this.functions.set(spec.name, fn);
      integrations.set(spec.name, new HttpLambdaIntegration(`Integration-${spec.name}`, fn.function));
    }

    // "Run now" invokes the job's own function (InvocationType Event): its name, and invoke on exactly those.
    const admin = this.functions.get("admin");
    if (!admin) throw new Error("no admin function");
    const jobs = runnableJobs.map((job: RunnableJob) => {
      const jobFunction = props.jobFunctions.get(job)?.function;
      if (!jobFunction) throw new Error(`runnable job ${job} has no function`);
      admin.function.addEnvironment(jobFunctionVariable(job), jobFunction.functionName);
      return jobFunction;
    });
    admin.function.addToRolePolicy(
      new PolicyStatement({
        actions: ["lambda:InvokeFunction"],
        resources: jobs.map((fn) => fn.functionArn),
      }),
    );

    const exportsFunction = this.functions.get("exports");
    if (!exportsFunction) throw new Error("no exports function");
    allowStartingExports(exportsFunction, props.exportWorker);

    // RouteSettings is a free-form JSON map in CloudFormation: CDK passes it through, so keys are PascalCase.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const [operationId, route] of routeEntries) {
      const integration = integrations.get(route.feature);
      if (!integration) throw new Error(`route ${operationId}: feature "${route.feature}" has no function`);
      const httpRoute = new HttpRoute(this, `Route-${operationId}`, {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration,
      });
      Validations.of(httpRoute).acknowledge({
        id: "AwsSolutions-APIG4",
        reason:
          route.role === "public"
            ? `${operationId} is public by design (route table role "public").`
            : `${operationId} requires role "${route.role}": the feature Lambda checks the HttpOnly session cookie and the role from the route table (and the CSRF token on writes) before any work.`,
      });
      if (route.throttle) {
        routeSettings[routeKey(route)] = {
          ThrottlingRateLimit: route.throttle.rate,
          ThrottlingBurstLimit: route.throttle.burst,
        };
        // Route settings name routes by key: the route must exist before the stage refers to it.
        stage.node.addDependency(httpRoute);
      }
    }
    const cfnStage = stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = routeSettings;

    errorRateAlarm(
      this,
      "Api5xxRateAlarm",
      alarmTopic,
      {
        errors: this.api.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
        requests: this.api.metricCount({ period: Duration.minutes(5), statistic: "Sum" }),
      },
      5,
    );

    new CfnOutput(this, "ApiEndpoint", {
      value: this.api.apiEndpoint,
      description: "Direct API endpoint (use the site URL)",
    });
  }
}
