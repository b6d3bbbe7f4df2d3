import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { config } from "../config.ts";
import { objectStore } from "./clients.ts";

/** Report PDFs live in the exports bucket under this prefix (and the functions may touch only it). */
export const reportsPrefix = "reports/";
/** Presigned download links are valid this long. */
export const reportLinkSeconds = 15 * 60;

export interface StoredReportFile {
  key: string;
  kind: "week" | "month";
  period: string;
  generatedAt: string;
  size: number;
  scheduled: boolean;
}

const compact = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
const expand = (stamp: string) =>
  stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z");

/** `reports/2026-W49/20261130T050000Z-scheduled.pdf`: the listing alone says what each file is. */
export function reportKey(period: string, generatedAt: string, scheduled: boolean): string {
  return `${reportsPrefix}${period}/${compact(generatedAt)}-${scheduled ? "scheduled" : "manual"}.pdf`;
}

const keyPattern = /^reports\/(\d{4}-(?:W\d{2}|\d{2}))\/(\d{8}T\d{6}Z)-(scheduled|manual)\.pdf$/;

export function parseReportKey(key: string, size = 0): StoredReportFile | undefined {
  const match = keyPattern.exec(key);
  if (!match) return undefined;
  const [, period = "", stamp = "", origin] = match;
  return {
    key,
    kind: period.includes("W") ? "week" : "month",
    period,
    generatedAt: expand(stamp),
    size,
    scheduled: origin === "scheduled",
  };
}

export async function putReportFile(
  period: string,
  generatedAt: string,
  scheduled: boolean,
  pdf: Uint8Array,
): Promise<StoredReportFile> {
  const key = reportKey(period, generatedAt, scheduled);
  await objectStore().send(
    new PutObjectCommand({
      Bucket: config().EXPORT_BUCKET,
      Key: key,
      Body: pdf,
      ContentType: "application/pdf",
      ContentDisposition: `attachment; filename="report-${period}.pdf"`,
    }),
  );
  return parseReportKey(key, pdf.byteLength) as StoredReportFile;
}

/** Stored reports, newest first (one listing of the prefix, paged). */
export async function listReportFiles(limit = 200): Promise<StoredReportFile[]> {
  const files: StoredReportFile[] = [];
  let token: string | undefined;
  do {
    const page = await objectStore().send(
      new ListObjectsV2Command({
        Bucket: config().EXPORT_BUCKET,
        Prefix: reportsPrefix,
        ContinuationToken: token,
      }),
    );
    for (const object of page.Contents ?? []) {
      const file = object.Key ? parseReportKey(object.Key, object.Size ?? 0) : undefined;
      if (file) files.push(file);
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return files.sort((a, b) => b.generatedAt.localeCompare(a.generatedAt)).slice(0, limit);
}

/** A GET link to one report, valid 15 minutes. */
export async function reportLink(key: string, now = new Date()): Promise<{ url: string; expiresAt: string }> {
  const url = await getSignedUrl(
    objectStore(),
    new GetObjectCommand({ Bucket: config().EXPORT_BUCKET, Key: key }),
    { expiresIn: reportLinkSeconds },
  );
  return { url, expiresAt: new Date(now.getTime() + reportLinkSeconds * 1000).toISOString() };
}
