/**
 * Each operation's method and path, generated at build time from the route table
 * (the `route-table` plugin in vite.config.ts); `client.ts` types it by operation id.
 */
declare module "virtual:route-table" {
  const table: Record<string, readonly [method: string, path: string]>;
  export default table;
}
