import { buildMeasure } from "../../src/core/buildMeasure";
import { listIndicators } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { syntheticMeasureData } from "../../test/helpers/synthetic";
import { fmt, medianMs } from "./util";

/** Full HLN measure (default spec) on synthetic data of the bundled shape, at several sizes. */
export function benchMeasure(log: (s: string) => void): number {
  const sizes = [10_000, 33_755, 190_000];
  const results: { n: number; ms: number }[] = [];
  for (const n of sizes) {
    const data = syntheticMeasureData(hlnSpec, n, Math.round((296 * n) / 33755), 42);
    const ms = medianMs(() => buildMeasure(hlnSpec, data), n > 100_000 ? 7 : 21, n > 100_000 ? 2 : 5);
    results.push({ n, ms });
    log(
      `full measure  areas=${n}  indicators=${listIndicators(hlnSpec).length}  median_ms=${fmt(ms)}  per_area_us=${((1000 * ms) / n).toFixed(2)}`,
    );
  }
  const [a, , c] = results;
  const nlogn = (c.n * Math.log(c.n)) / (a.n * Math.log(a.n));
  log(
    `growth 10k→190k: time ×${(c.ms / a.ms).toFixed(1)} (N log N predicts ×${nlogn.toFixed(1)}, N² would be ×${((c.n / a.n) ** 2).toFixed(0)})`,
  );
  return results[1].ms;
}
