import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../local/gateway.ts";
import { chooseEncoding } from "../../local/static-site.ts";
import { securityHeaders } from "../../shared/http/security-headers.ts";

/** The raw answer, bytes as sent (fetch would decode them and hide the encoding). */
function get(
  url: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the gateway's static site", () => {
  let gateway: Gateway;
  let siteDir: string;
  // A module as Vite writes one: tens of KB of repetitive text.
  const script = Array.from(
    { length: 400 },
    (_, index) => `export function slot${index}(day){return day.bookings.filter((b)=>b.slot===${index});}\n`,
  ).join("");
  const indexHtml = `<!doctype html><html lang="de"><head><title>Slot-Booking</title></head><body><div id="root"></div>${"<!-- x -->".repeat(200)}<script type="module" src="/assets/index-AbC123.js"></script></body></html>`;

  beforeAll(async () => {
    siteDir = mkdtempSync(join(tmpdir(), "site-"));
    mkdirSync(join(siteDir, "assets"));
    writeFileSync(join(siteDir, "index.html"), indexHtml);
    writeFileSync(join(siteDir, "assets", "index-AbC123.js"), script);
    writeFileSync(join(siteDir, "assets", "tiny-XyZ.js"), "export const a=1;\n");
    gateway = await startGateway({ port: 0, responseHeaders: securityHeaders, siteDir });
  });
  afterAll(() => gateway.close());

  const asset = () => `${gateway.url}/assets/index-AbC123.js`;

  it("sends a script brotli-compressed to a client that accepts br, the same bytes once decoded", async () => {
    const answer = await get(asset(), { "accept-encoding": "gzip, deflate, br" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(answer.headers.vary).toBe("Accept-Encoding");
    expect(answer.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(Number(answer.headers["content-length"])).toBe(answer.body.byteLength);
    expect(answer.body.byteLength).toBeLessThan(Buffer.byteLength(script) / 5);
    expect(brotliDecompressSync(answer.body).toString("utf8")).toBe(script);
    for (const [name, value] of Object.entries(securityHeaders)) expect(answer.headers[name]).toBe(value);
  });

  it("sends it gzip-compressed to a client that accepts only gzip", async () => {
    const answer = await get(asset(), { "accept-encoding": "gzip" });
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(answer.headers.vary).toBe("Accept-Encoding");
    expect(gunzipSync(answer.body).toString("utf8")).toBe(script);
  });

  it("sends it plain to a client that asks for no encoding or refuses both", async () => {
    for (const acceptEncoding of [undefined, "identity", "br;q=0, gzip;q=0", "deflate"]) {
      const answer = await get(asset(), acceptEncoding ? { "accept-encoding": acceptEncoding } : {});
      expect({ acceptEncoding, encoding: answer.headers["content-encoding"] }).toEqual({
        acceptEncoding,
        encoding: undefined,
      });
      expect(answer.headers.vary).toBe("Accept-Encoding");
      expect(answer.body.toString("utf8")).toBe(script);
    }
  });

  it("keeps hashed assets for a year and has index.html revalidated, compressed as well", async () => {
    const script = await get(asset(), { "accept-encoding": "br" });
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const path of ["/", "/index.html", "/meine-buchungen"]) {
      const page = await get(`${gateway.url}${path}`, { "accept-encoding": "gzip" });
      expect({ path, cache: page.headers["cache-control"] }).toEqual({ path, cache: "no-cache" });
      expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(gunzipSync(page.body).toString("utf8")).toBe(indexHtml);
    }
  });

  it("answers a revalidation of an unchanged file with 304, and a rebuilt file with its new bytes", async () => {
    const first = await get(`${gateway.url}/`, { "accept-encoding": "br" });
    const etag = String(first.headers.etag);
    const again = await get(`${gateway.url}/`, { "accept-encoding": "br", "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers["cache-control"]).toBe("no-cache");

    const rebuilt = indexHtml.replace("Slot-Booking", "Slot-Booking neu gebaut");
    writeFileSync(join(siteDir, "index.html"), rebuilt);
    const fresh = await get(`${gateway.url}/`, { "accept-encoding": "br", "if-none-match": etag });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.etag).not.toBe(etag);
    expect(brotliDecompressSync(fresh.body).toString("utf8")).toBe(rebuilt);
  });

  it("leaves files too small to gain plain, and HEAD has the headers without a body", async () => {
    const tiny = await get(`${gateway.url}/assets/tiny-XyZ.js`, { "accept-encoding": "br, gzip" });
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.body.toString("utf8")).toBe("export const a=1;\n");

    const head = await get(asset(), { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("br");
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
    expect(head.body.byteLength).toBe(0);
  });
});

describe("Accept-Encoding", () => {
  it("picks what the client weighs highest, brotli on a tie, nothing the client refuses", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(chooseEncoding("gzip;q=1.0, br;q=0.5")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*;q=0, gzip;q=0.1")).toBe("gzip");
    expect(chooseEncoding("identity")).toBeUndefined();
    expect(chooseEncoding("")).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding("GZIP")).toBe("gzip");
  });
});
