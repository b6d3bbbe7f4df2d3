import type { Readable } from "node:stream";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { config } from "../config.ts";
import { objectStore } from "../data/clients.ts";

/** Every export object lives under this prefix: the functions' S3 rights are limited to it. */
export const exportsPrefix = "exports/";

/** How long a download link works. */
export const linkLifetimeSeconds = 15 * 60;

/** The bucket deletes export objects after this many days (its lifecycle rule on AWS). */
export const exportRetentionDays = 7;

/**
 * Multipart parts of 5 MiB (S3's minimum), at most two in flight: the upload
 * holds ~10 MiB whatever the file's size, and a slow bucket slows the reader
 * (back-pressure) instead of filling memory.
 */
const partSize = 5 * 1024 * 1024;
const queueSize = 2;

export function exportObjectKey(id: string, fileName: string): string {
  return `${exportsPrefix}${id}/${fileName}`;
}

/**
 * Streams `body` into the exports bucket with a multipart upload (lib-storage
 * `Upload`: a file under one part goes as one PutObject; a failure aborts the
 * upload so no parts are left behind). Resolves with the bytes written.
 */
export async function uploadExport(
  key: string,
  body: Readable,
  contentType: string,
  onPart?: (bytes: number) => void,
): Promise<number> {
  if (!key.startsWith(exportsPrefix)) throw new Error("export keys live under the exports prefix");
  let bytes = 0;
  const upload = new Upload({
    client: objectStore(),
    params: { Bucket: config().EXPORT_BUCKET, Key: key, Body: body, ContentType: contentType },
    partSize,
    queueSize,
    leavePartsOnError: false,
  });
  upload.on("httpUploadProgress", (progress) => {
    bytes = progress.loaded ?? bytes;
    onPart?.(bytes);
  });
  await upload.done();
  return bytes;
}

/**
 * A presigned GET of an export object, valid `expiresIn` seconds; the file
 * downloads under `fileName` (Content-Disposition: attachment).
 */
export function presignExport(
  key: string,
  fileName: string,
  expiresIn = linkLifetimeSeconds,
): Promise<string> {
  return getSignedUrl(
    objectStore(),
    new GetObjectCommand({
      Bucket: config().EXPORT_BUCKET,
      Key: key,
      ResponseContentDisposition: `attachment; filename="${fileName}"`,
    }),
    { expiresIn },
  );
}
