/**
 * Build-time data (the `build-time-data` plugin in vite.config.ts); the importing
 * modules give them their precise types.
 */
declare module "virtual:route-table" {
  /** Each operation's method and path, by operation id. */
  const table: Record<string, readonly [method: string, path: string]>;
  export default table;
}

/** One language's site texts, by key. */
declare module "virtual:texts/de" {
  const texts: Record<string, string>;
  export default texts;
}

declare module "virtual:texts/en" {
  const texts: Record<string, string>;
  export default texts;
}
