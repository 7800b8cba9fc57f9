/**
 * Benchmark of the HLN.* custom-function adapters over 33,755 rows in the Excel calling convention
 * (any[][] in, any[][] out): median of 9 runs after 3 warm-up runs, per function. Target ≤ 20 ms.
 */
import { performance } from "perf_hooks";
import * as F from "../../src/functions/functions";

const N = 33755;

function inputs() {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const num: unknown[][] = [];
  const den: unknown[][] = [];
  const groups: unknown[][] = [];
  const pop: unknown[][] = [];
  const x: unknown[][] = [];
  const two: unknown[][] = [];
  for (let i = 0; i < N; i++) {
    const n = 500 + Math.floor(rnd() * 2500);
    num.push([Math.round(n * (0.02 + 0.3 * rnd() * rnd()))]);
    den.push([n]);
    groups.push([`E0800${String(i % 309).padStart(4, "0")}`]);
    pop.push([1000 + Math.floor(rnd() * 2000)]);
    x.push([rnd() * 100]);
    two.push([rnd(), rnd() * 10]);
  }
  return { num, den, groups, pop, x, two };
}

function median(run: () => unknown, warmup = 3, runs = 9): number {
  for (let i = 0; i < warmup; i++) run();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(runs / 2)];
}

export async function benchFunctions(): Promise<Array<{ name: string; medianMs: number }>> {
  const d = inputs();
  const cases: [string, () => unknown][] = [
    ["HLN.SHRINK", () => F.hlnShrink(d.num, d.den, d.groups)],
    ["HLN.SHRINKVALUE", () => F.hlnShrinkValue(d.x, d.pop, d.groups)],
    ["HLN.NORMALSCORE", () => F.hlnNormalScore(d.x)],
    ["HLN.EXPTRANSFORM", () => F.hlnExpTransform(d.x)],
    ["HLN.SCORE", () => F.hlnScore(d.two, [[0.5, 0.5]])],
    ["HLN.COMPOSITE", () => F.hlnComposite(d.two)],
    ["HLN.POLARITY", () => F.hlnPolarity(d.x, -1)],
    ["HLN.RANK", () => F.hlnRank(d.x)],
    ["HLN.DECILE", () => F.hlnDecile(d.x)],
    ["HLN.QA", () => F.hlnQa(d.x, 100)],
    ["HLN.LASUMMARY", () => F.hlnLaSummary(d.x, d.groups, d.pop)],
  ];
  return cases.map(([name, run]) => ({ name, medianMs: median(run) }));
}

if (require.main === module) {
  benchFunctions().then((rows) => {
    for (const r of rows) console.log(`function ${r.name}  rows=${N}  median_ms=${r.medianMs.toFixed(2)}`);
  });
}
