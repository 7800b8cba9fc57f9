import { needRank } from "../../src/core/needRank";
import { areaSummary } from "../../src/core/summaries/areaSummary";
import { mulberry32 } from "../data/prng";
import { fmt, medianMs } from "./util";

/** areaSummary over 33,755 areas for district-sized (296) and ward-sized (6,784) groupings. */
export function benchSummaries(): string[] {
  const n = 33_755;
  const rnd = mulberry32(11);
  const scores = Float64Array.from({ length: n }, () => rnd() * 100);
  const pop = Float64Array.from({ length: n }, () => 1000 + Math.floor(rnd() * 2000));
  const ranks = needRank(scores);
  const out: string[] = [];
  for (const g of [296, 6784]) {
    const groups = Int32Array.from({ length: n }, (_, i) => Math.floor((i * g) / n));
    const ms = medianMs(() => areaSummary(scores, groups, pop, ranks), 21, 5);
    out.push(`area summary  areas=${n}  groups=${g}  median_ms=${fmt(ms)}`);
  }
  return out;
}
