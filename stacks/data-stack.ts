import { Duration, SecretValue, Stack, type StackProps, Validations } from "aws-cdk-lib";
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from "aws-cdk-lib/aws-dynamodb";
import { BlockPublicAccess, Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";
import { unsetSecret } from "../shared/auth/secrets.ts";
import { tableDefinition } from "../shared/data/table.ts";
import type { Resources } from "./permissions.ts";
import type { StageConfig } from "./stage.ts";

export interface DataStackProps extends StackProps {
  config: StageConfig;
}

/** What holds state (the table, the exports bucket, the secrets) and where alarms go. */
export class DataStack extends Stack {
  readonly table: Table;
  readonly exportsBucket: Bucket;
  readonly sessionSecret: Secret;
  readonly googleCredentials: Secret;
  readonly bootstrapUsers: Secret;
  readonly originVerify: Secret;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const { removalPolicy, production } = config;
    const { partitionKey, sortKey, globalSecondaryIndexes, ttlAttribute, streamViewType } = tableDefinition;

    this.table = new Table(this, "Table", {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      // The outbox: the events function reads new outbox items from the stream.
      stream: StreamViewType[streamViewType],
      timeToLiveAttribute: ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: production,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy,
    });
    for (const index of globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    const accessLogs = new Bucket(this, "AccessLogs", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
      autoDeleteObjects: !production,
    });
    Validations.of(accessLogs).acknowledge({
      id: "AwsSolutions-S1",
      reason: "This bucket is the access-log target; logging it into itself would loop.",
    });

    this.exportsBucket = new Bucket(this, "Exports", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: "exports/",
      // Exports are handed out as short-lived links; old files only cost money and carry personal data.
      // Executive reports are the history admins list and compare, so they stay for about a year.
      lifecycleRules: [
        { prefix: "exports/", expiration: Duration.days(7) },
        { prefix: "reports/", expiration: Duration.days(400) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy,
      autoDeleteObjects: !production,
    });

    this.sessionSecret = new Secret(this, "SessionSecret", {
      secretName: `${config.secretPrefix}/session-secret`,
      description: "Signs session tokens (generated; rotate by putting a new value: signs everyone out)",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    // Set by the operator after the first deploy (README); "unset" until then, which the app reads as absent.
    this.googleCredentials = new Secret(this, "GoogleCredentials", {
      secretName: `${config.secretPrefix}/google-credentials`,
      description: "Google service-account JSON, base64-encoded",
      secretStringValue: SecretValue.unsafePlainText(unsetSecret),
      removalPolicy,
    });
    this.bootstrapUsers = new Secret(this, "BootstrapUsers", {
      secretName: `${config.secretPrefix}/bootstrap-users`,
      description: "user:password:role,… created or updated when the auth function starts",
      secretStringValue: SecretValue.unsafePlainText(unsetSecret),
      removalPolicy,
    });
    // CloudFront sends it to the API with every request: only then is its viewer-address header trusted.
    this.originVerify = new Secret(this, "OriginVerify", {
      secretName: `${config.secretPrefix}/origin-verify`,
      description: "Sent by CloudFront to the API as x-origin-verify (generated)",
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy,
    });
    for (const secret of [
      this.sessionSecret,
      this.googleCredentials,
      this.bootstrapUsers,
      this.originVerify,
    ]) {
      Validations.of(secret).acknowledge({
        id: "AwsSolutions-SMG4",
        reason:
          "No rotation Lambda: the Google key is rotated in Google Cloud and put here by the operator; a new session secret signs everyone out, so it is rotated by hand (README).",
      });
    }

    this.alarmTopic = new Topic(this, "Alarms", {
      displayName: `slot-booking ${config.stage} alarms`,
      enforceSSL: true,
    });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
  }

  get resources(): Resources {
    return {
      table: this.table,
      exportsBucket: this.exportsBucket,
      sessionSecret: this.sessionSecret,
      googleCredentials: this.googleCredentials,
      bootstrapUsers: this.bootstrapUsers,
      originVerify: this.originVerify,
    };
  }
}
