import type { MeasureSpec } from "../../src/core/spec";
import type { Bundle } from "../../src/data/bundle";
import { syntheticIndicators } from "../../src/data/openData";

/**
 * The weight overrides that leave out a bundle's indicators with no open data (weight 0), as every
 * default build does (issue 16): `buildMeasure(spec, data, { weights: leftOut(spec, bundle) })` is
 * what the CLI and the pane build with the spec's settings.
 */
export function leftOut(spec: MeasureSpec, bundle: Bundle): Record<string, number> {
  return Object.fromEntries(syntheticIndicators(spec, bundle.meta).map((id) => [id, 0]));
}
