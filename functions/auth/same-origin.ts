import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { HttpError } from "../../shared/http/errors.ts";

/** Whether `origin` (scheme://host[:port]) names the host the request was sent to. */
function isOwnOrigin(origin: string, event: APIGatewayProxyEventV2): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, file:) or garbage
  }
  return host.toLowerCase() === (event.headers.host ?? "").toLowerCase();
}

/**
 * Login CSRF: a cross-site page must not sign a visitor into another account.
 * Browsers mark every request with `Sec-Fetch-Site` (and `Origin` on POST),
 * and a page cannot forge either. `same-origin` is trusted as is, because
 * behind CloudFront `Host` is the API's own domain, not the site's; a browser
 * without `Sec-Fetch-Site` (none current) must send an `Origin` of the host it
 * talks to. Clients that send neither are no browser, so no CSRF victim.
 */
export function requireSameOrigin(event: APIGatewayProxyEventV2): void {
  const site = event.headers["sec-fetch-site"];
  const origin = event.headers.origin;
  const foreign =
    site === "cross-site" ||
    site === "same-site" ||
    (site !== "same-origin" && origin !== undefined && !isOwnOrigin(origin, event));
  if (foreign) throw new HttpError("forbidden", "auth.foreignOrigin");
}
