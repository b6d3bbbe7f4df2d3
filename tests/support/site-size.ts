import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The site's initial JavaScript per start page: the entry, every chunk it imports
 * statically, the page's own (lazy) chunk and that chunk's static imports — what
 * the browser must load before the page is usable, with one language's texts. Read from the vite manifest of
 * the last `npm run build` (frontend/dist/.vite/manifest.json).
 */
export const siteDist = resolve(import.meta.dirname, "../../frontend/dist");

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

export type SiteManifest = Record<string, ManifestChunk>;

export function readSiteManifest(): SiteManifest {
  try {
    return JSON.parse(readFileSync(resolve(siteDist, ".vite/manifest.json"), "utf8")) as SiteManifest;
  } catch (error) {
    throw new Error(`No build manifest in ${siteDist}: run \`npm run build\` first (npm test does).`, {
      cause: error,
    });
  }
}

export interface InitialJs {
  files: string[];
  rawBytes: number;
  gzipBytes: number;
}

/** The files and sizes a start page loads before it is usable; `page` is its source below frontend/ (`src/pages/Book.tsx`). */
export function initialJs(page: string, manifest = readSiteManifest()): InitialJs {
  if (!manifest[page]) throw new Error(`${page} is not a chunk of its own (is it still loaded lazily?)`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  visit(page);
  // The entry waits for the current language's texts before it renders: count the larger language.
  const languages = Object.keys(manifest).filter((key) => /virtual:texts\/\w+$/.test(key));
  const heaviest = languages
    .map((key) => ({ key, gzip: gzipSize(manifest[key]?.file ?? key) }))
    .sort((a, b) => b.gzip - a.gzip)[0];
  if (heaviest) visit(heaviest.key);
  const files = [...seen].map((key) => manifest[key]?.file ?? key).filter((file) => file.endsWith(".js"));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    rawBytes += readFileSync(resolve(siteDist, file)).length;
    gzipBytes += gzipSize(file);
  }
  return { files: files.sort(), rawBytes, gzipBytes };
}

/** Level 6: what a server's default compression sends. */
function gzipSize(file: string): number {
  return gzipSync(readFileSync(resolve(siteDist, file)), { level: 6 }).length;
}
