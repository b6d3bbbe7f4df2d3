import { Duration, RemovalPolicy, SecretValue, Stack, type StackProps, Validations } from "aws-cdk-lib";
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from "aws-cdk-lib/aws-dynamodb";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { unsetSecret } from "../shared/auth/secrets.ts";
import { tableDefinition } from "../shared/data/table.ts";
import type { Stage } from "./stage.ts";

export interface DataStackProps extends StackProps {
  stage: Stage;
}

/** What holds state: the single table, the exports bucket and the secrets. */
export class DataStack extends Stack {
  readonly table: Table;
  readonly exportsBucket: Bucket;
  readonly accessLogsBucket: Bucket;
  readonly sessionSecret: Secret;
  readonly googleCredentials: Secret;
  readonly bootstrapUsers: Secret;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const production = props.stage === "prod";
    const removalPolicy = production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const { partitionKey, sortKey, globalSecondaryIndexes, ttlAttribute } = tableDefinition;

    this.table = new Table(this, "Table", {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType[tableDefinition.streamViewType],
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

    this.accessLogsBucket = new Bucket(this, "AccessLogs", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logs need ACLs on the target bucket.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
      autoDeleteObjects: !production,
    });

    this.exportsBucket = new Bucket(this, "Exports", {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: "exports/",
      // Exports are handed out as short-lived links; old files only cost money and carry personal data.
      lifecycleRules: [{ expiration: Duration.days(7) }],
      removalPolicy,
      autoDeleteObjects: !production,
    });

    this.sessionSecret = new Secret(this, "SessionSecret", {
      description: "Signs session tokens",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    // Set by the operator after the first deploy; "unset" until then (see README).
    this.googleCredentials = new Secret(this, "GoogleCredentials", {
      description: "Google service-account JSON, base64-encoded",
      secretStringValue: SecretValue.unsafePlainText(unsetSecret),
      removalPolicy,
    });
    this.bootstrapUsers = new Secret(this, "BootstrapUsers", {
      description: "user:password:role,… created or updated at the first sign-in after a change",
      secretStringValue: SecretValue.unsafePlainText(unsetSecret),
      removalPolicy,
    });
    for (const secret of [this.sessionSecret, this.googleCredentials, this.bootstrapUsers]) {
      Validations.of(secret).acknowledge({
        id: "AwsSolutions-SMG4",
        reason:
          "Rotated by the operator: the Google key is rotated in Google Cloud, and a rotated session secret signs everyone out, so it is a deliberate act (see README).",
      });
    }
  }
}
