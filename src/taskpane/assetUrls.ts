/**
 * Paths of the hosted data files. A webpack build copies each one under a name carrying its content
 * hash (assets/data/hln-lsoa21.<hash>.bin.gz), so a new release is never served from a stale cache,
 * and defines __HLN_ASSETS__ (plain path → hashed path; webpack.config.js). Pages bundled without it
 * (jest, the esbuild test harnesses) use the plain paths.
 */
declare const __HLN_ASSETS__: Readonly<Record<string, string>> | undefined;

/** "assets/data/hln-lsoa21.meta.json" → the path this build emitted it under (relative to the page). */
export function assetPath(path: string): string {
  const map = typeof __HLN_ASSETS__ === "undefined" ? undefined : __HLN_ASSETS__;
  return map?.[path] ?? path;
}
