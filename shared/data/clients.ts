import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { config } from "../config.ts";
import { tracer } from "../http/observability.ts";

let documentClient: DynamoDBDocumentClient | undefined;
let s3Client: S3Client | undefined;

/** DynamoDB Local accepts any credentials (the SDK still insists on some); s3rver wants its own default pair. */
const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };
const s3rverCredentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export function dynamoClient(): DynamoDBDocumentClient {
  if (!documentClient) {
    const { DYNAMODB_ENDPOINT, AWS_REGION } = config();
    // Traced on AWS (one subsegment per call); a no-op where tracing is off (local platform, tests).
    const client = tracer().captureAWSv3Client(
      new DynamoDBClient({
        region: AWS_REGION,
        ...(DYNAMODB_ENDPOINT ? { endpoint: DYNAMODB_ENDPOINT, credentials: localCredentials } : {}),
      }),
    );
    documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
  }
  return documentClient;
}

/**
 * The one S3 client factory. s3rver (local) needs path-style addressing and
 * cannot verify the SDK's default streaming checksums, so checksums are only
 * sent when an operation requires them.
 */
export function objectStore(): S3Client {
  if (!s3Client) {
    const { S3_ENDPOINT, AWS_REGION } = config();
    s3Client = tracer().captureAWSv3Client(
      new S3Client({
        region: AWS_REGION,
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        ...(S3_ENDPOINT
          ? { endpoint: S3_ENDPOINT, forcePathStyle: true, credentials: s3rverCredentials }
          : {}),
      }),
    );
  }
  return s3Client;
}

/** Drop cached clients after the environment changed (local platform, tests). */
export function resetClients(): void {
  documentClient = undefined;
  s3Client = undefined;
}
