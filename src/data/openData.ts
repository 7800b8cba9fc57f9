/**
 * Which indicators have no open data (issue 16): those reading a column whose data are generated
 * stand-ins — status "synthetic" in the bundle's metadata (the bundle's synthetic model, PROVENANCE).
 * They are left out of the scores unless the settings' `includeSynthetic` (the Weights sheet's
 * IncludeSynthetic option, the CLI's `--include-synthetic`). An indicator whose columns the user
 * replaced (status "user") has data again. User data without a bundle's metadata: none.
 */
import { indicatorColumns, listIndicators, type MeasureSpec } from "../core/spec";
import type { BundleMeta } from "./types";

/** Ids of the spec's indicators that read a synthetic column, in spec order. O(indicators × columns). */
export function syntheticIndicators(spec: MeasureSpec, meta: BundleMeta | undefined): string[] {
  if (!meta) return [];
  const synthetic = new Set(meta.columns.filter((c) => c.status === "synthetic").map((c) => c.id));
  return listIndicators(spec)
    .filter(({ indicator }) => indicatorColumns(indicator).some((c) => synthetic.has(c)))
    .map(({ indicator }) => indicator.id);
}
