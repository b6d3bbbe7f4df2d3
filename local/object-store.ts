import { mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import S3rver from "s3rver";

export interface LocalObjectStore {
  endpoint: string;
  stop(): Promise<void>;
}

/** s3rver with its objects under `dataDir`, the given buckets created up front. */
export async function startObjectStore(options: {
  dataDir: string;
  buckets: string[];
  port?: number;
}): Promise<LocalObjectStore> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    silent: true,
    directory: options.dataDir,
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  const address: AddressInfo = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async stop() {
      // Keep-alive sockets from SDK clients would hold close() open.
      server.httpServer.closeAllConnections();
      await server.close();
    },
  };
}
