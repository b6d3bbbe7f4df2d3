import { CfnOutput, Duration, Fn, Stack, type StackProps, Validations } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { securityHeaders, strictTransportSecurity } from "../shared/http/security-headers.ts";
import type { StageConfig } from "./stage.ts";

export interface WebStackProps extends StackProps {
  config: StageConfig;
  api: IHttpApi;
  /** Sent to the API as `x-origin-verify`: the API trusts CloudFront-Viewer-Address only with it. */
  originVerify: ISecret;
}

/**
 * Viewer-request function of the site behaviour: extension-less paths are
 * SPA routes and get /index.html. Only the site behaviour runs it, so the
 * API's 401/403/404 reach the browser untouched (no distribution-wide error pages).
 */
export const spaRewriteCode = `function handler(event) {
  var request = event.request;
  var last = request.uri.split("/").pop();
  if (last.indexOf(".") === -1) request.uri = "/index.html";
  return request;
}`;

/** shared/http/security-headers.ts as a CloudFront response headers policy. */
export function securityHeadersBehavior(): {
  securityHeadersBehavior: ResponseSecurityHeadersBehavior;
  customHeaders: { header: string; value: string; override: boolean }[];
} {
  const referrerPolicy = Object.values(HeadersReferrerPolicy).find(
    (policy) => policy === securityHeaders["referrer-policy"],
  );
  if (!referrerPolicy) throw new Error(`unsupported referrer-policy ${securityHeaders["referrer-policy"]}`);
  const maxAge = /max-age=(\d+)/.exec(strictTransportSecurity);
  if (!maxAge?.[1]) throw new Error("strictTransportSecurity needs max-age");
  const frameOption = Object.values(HeadersFrameOption).find(
    (option) => option === securityHeaders["x-frame-options"],
  );
  if (!frameOption) throw new Error(`unsupported x-frame-options ${securityHeaders["x-frame-options"]}`);
  const handled = new Set([
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
  ]);
  return {
    securityHeadersBehavior: {
      contentSecurityPolicy: {
        contentSecurityPolicy: securityHeaders["content-security-policy"],
        override: true,
      },
      contentTypeOptions: { override: true },
      referrerPolicy: { referrerPolicy, override: true },
      frameOptions: { frameOption, override: true },
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(Number(maxAge[1])),
        includeSubdomains: /includeSubDomains/i.test(strictTransportSecurity),
        preload: /preload/i.test(strictTransportSecurity),
        override: true,
      },
    },
    customHeaders: Object.entries(securityHeaders)
      .filter(([header]) => !handled.has(header))
      .map(([header, value]) => ({ header, value, override: true })),
  };
}

/**
 * The site: a private bucket served only through CloudFront (Origin Access
 * Control), and `/api/*` on the same distribution, so the session cookie is
 * first-party and no CORS is needed.
 */
export class WebStack extends Stack {
  readonly siteBucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config, api } = props;

    // CloudFront standard logs need ACLs on their bucket (object writer).
    const logs = new Bucket(this, "Logs", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: config.removalPolicy,
      autoDeleteObjects: !config.production,
    });
    Validations.of(logs).acknowledge({
      id: "AwsSolutions-S1",
      reason: "This bucket is the access-log target; logging it into itself would loop.",
    });

    this.siteBucket = new Bucket(this, "Site", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: "site-bucket/",
      // Rebuilt from the repository by every deploy: nothing to keep.
      removalPolicy: config.removalPolicy,
      autoDeleteObjects: !config.production,
    });

    const headers = securityHeadersBehavior();
    const responseHeadersPolicy = new ResponseHeadersPolicy(this, "SecurityHeaders", {
      comment: "shared/http/security-headers.ts",
      securityHeadersBehavior: headers.securityHeadersBehavior,
      customHeadersBehavior: { customHeaders: headers.customHeaders },
      removeHeaders: ["server"],
    });

    const spaRewrite = new EdgeFunction(this, "SpaRewrite", {
      code: FunctionCode.fromInline(spaRewriteCode),
      runtime: FunctionRuntime.JS_2_0,
      comment: "Extension-less paths are SPA routes: serve /index.html",
    });

    // https://<id>.execute-api.<region>.amazonaws.com → <id>.execute-api.<region>.amazonaws.com
    const apiDomain = Fn.select(2, Fn.split("/", api.apiEndpoint));
    const apiOrigin = new HttpOrigin(apiDomain, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      // A dynamic reference: the value is resolved by CloudFormation, never written into the template.
      customHeaders: { "x-origin-verify": props.originVerify.secretValue.unsafeUnwrap() },
    });

    this.distribution = new Distribution(this, "Distribution", {
      comment: `slot-booking ${config.stage}`,
      defaultRootObject: "index.html",
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: "cloudfront/",
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.siteBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy,
        compress: true,
        functionAssociations: [{ function: spaRewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        "/api/*": {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Cookies, query strings and headers reach the API; Host must be the API's own.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy,
          compress: true,
        },
      },
    });

    Validations.of(this.distribution).acknowledge(
      {
        id: "AwsSolutions-CFR1",
        reason:
          "Staff work from changing places; sign-in, roles and login throttling protect the app, not geography.",
      },
      {
        id: "AwsSolutions-CFR2",
        reason:
          "No WAF at this size (a web ACL costs more than the rest of the stack): login is throttled per route by API Gateway and per user by the app; add a web ACL when traffic grows.",
      },
      {
        id: "AwsSolutions-CFR4",
        reason:
          "The default *.cloudfront.net certificate cannot pin a minimum TLS version; with a custom domain and ACM certificate set minimumProtocolVersion TLSv1.2_2021.",
      },
    );

    new CfnOutput(this, "SiteBucketName", { value: this.siteBucket.bucketName });
    new CfnOutput(this, "DistributionId", { value: this.distribution.distributionId });
    new CfnOutput(this, "SiteUrl", { value: `https://${this.distribution.distributionDomainName}` });
  }
}
