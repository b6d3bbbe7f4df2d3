import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { extname, join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Text formats gain from compression; images and fonts are compressed already. */
const compressible = new Set([".html", ".js", ".css", ".json", ".svg", ".txt"]);

/** CloudFront compresses files of 1,000 bytes up to 10,000,000 bytes; smaller ones gain nothing. */
const minCompressBytes = 1000;

export type Encoding = "br" | "gzip";

/**
 * The encoding to answer with, from the request's Accept-Encoding: brotli or gzip,
 * whichever the client weighs higher (brotli on a tie); none when it accepts neither
 * (absent header, `identity`, or `q=0`).
 */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : (acceptEncoding ?? "");
  const weights = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)).find(Boolean);
    const weight = q ? Number(q[1]) : 1;
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get("*") ?? 0;
  const br = weightOf("br");
  const gz = weightOf("gzip");
  if (br <= 0 && gz <= 0) return undefined;
  return br >= gz ? "br" : "gzip";
}

interface Representation {
  body: Buffer;
  etag: string;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  identity: Representation;
  br?: Representation;
  gzip?: Representation;
}

/**
 * Each file's bytes and their brotli and gzip forms, made once per file version
 * (a rebuild changes mtime or size, and the next request reads the file again).
 */
const cache = new Map<string, { mtimeMs: number; size: number; entry: Promise<CachedFile> }>();

async function load(file: string, mtimeMs: number, size: number): Promise<CachedFile> {
  const body = await readFile(file);
  const hash = createHash("sha256").update(body).digest("base64url").slice(0, 22);
  const entry: CachedFile = { mtimeMs, size, identity: { body, etag: `"${hash}"` } };
  if (compressible.has(extname(file)) && body.byteLength >= minCompressBytes) {
    // Moderate levels, as on-the-fly compressors (CloudFront's among them) use: brotli at its
    // highest level would save a further ~7% but cost seconds of CPU each time a stack starts.
    const [br, gz] = await Promise.all([
      brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
      gzipAsync(body, { level: 6 }),
    ]);
    // A compressed form that is no smaller is not worth the client's decoding.
    if (br.byteLength < body.byteLength) entry.br = { body: br, etag: `"${hash}-br"` };
    if (gz.byteLength < body.byteLength) entry.gzip = { body: gz, etag: `"${hash}-gz"` };
  }
  return entry;
}

function cachedFile(file: string, mtimeMs: number, size: number): Promise<CachedFile> {
  const known = cache.get(file);
  if (known && known.mtimeMs === mtimeMs && known.size === size) return known.entry;
  const entry = load(file, mtimeMs, size);
  cache.set(file, { mtimeMs, size, entry });
  // A failed read is not remembered: the next request tries again.
  entry.catch(() => cache.delete(file));
  return entry;
}

/** Compresses the whole site in the background, so the first visitor does not wait for brotli. */
export function warmStaticCache(siteDir: string): void {
  if (!existsSync(siteDir)) return;
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((item) =>
      item.isDirectory() ? walk(join(dir, item.name)) : [join(dir, item.name)],
    );
  for (const file of walk(siteDir)) {
    const { mtimeMs, size } = statSync(file);
    cachedFile(file, mtimeMs, size).catch(() => undefined);
  }
}

function etagMatches(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const header = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(",") : ifNoneMatch;
  return header
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

/**
 * Answers with a file of the built site, as CloudFront would: compressed when the
 * client accepts brotli or gzip (Vary: Accept-Encoding, so caches keep the forms
 * apart), hashed files under /assets cached for a year and immutable, everything
 * else (index.html above all) revalidated on every use (no-cache, with an ETag).
 */
export async function sendStaticFile(
  file: string,
  options: {
    requestHeaders: IncomingHttpHeaders;
    method: string;
    immutable: boolean;
    headers: Record<string, string>;
  },
  response: ServerResponse,
): Promise<void> {
  const { mtimeMs, size } = await stat(file);
  const cached = await cachedFile(file, mtimeMs, size);
  const extension = extname(file);
  const encoding = chooseEncoding(options.requestHeaders["accept-encoding"]);
  const chosen = (encoding && cached[encoding]) || cached.identity;
  const validators: Record<string, string> = {
    ...options.headers,
    "cache-control": options.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    etag: chosen.etag,
    ...(compressible.has(extension) ? { vary: "Accept-Encoding" } : {}),
  };
  if (etagMatches(options.requestHeaders["if-none-match"], chosen.etag)) {
    response.writeHead(304, validators);
    response.end();
    return;
  }
  response.writeHead(200, {
    ...validators,
    "content-type": contentTypes[extension] ?? "application/octet-stream",
    ...(chosen === cached.identity ? {} : { "content-encoding": encoding! }),
    "content-length": String(chosen.body.byteLength),
  });
  response.end(options.method === "HEAD" ? undefined : chosen.body);
}
