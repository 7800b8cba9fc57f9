import { existsSync } from "fs";
import { join } from "path";
import { groupIndex } from "../../src/core/groupIndex";
import { areaSummary, SUMMARY_MEASURES, type SummaryMeasure } from "../../src/core/summaries/areaSummary";
import { readCsvColumns } from "../helpers/csv";

// Acceptance test (issue 11): rebuild IoD 2025 File 10 (local authority district summaries of the IMD,
// MHCLG, OGL v3) for all 296 districts from the published LSOA scores and ranks (File 7) with Census
// 2021 usual residents (TS001) as the population weights. The IoD weights by its own population
// denominators (mid-year estimates, not published here), so the population-weighted measures differ a
// little; the share of LSOAs in the most deprived 10% needs no population and must match exactly.
const RAW = join(__dirname, "../../../shared/data/raw");
const haveRaw = existsSync(join(RAW, "PROVENANCE.md"));
if (!haveRaw) console.log(`file10.test.ts: raw folder ${RAW} not found, skipping the File 10 rebuild`);
const d = haveRaw ? describe : describe.skip;

/** File 10 column of each measure's value and of its district rank (1 = most deprived). */
const FILE10: Partial<Record<SummaryMeasure, { value: string; rank: string }>> = {
  score: { value: "imd_average_score", rank: "imd_rank_of_average_score" },
  rank: { value: "imd_average_rank", rank: "imd_rank_of_average_rank" },
  extent: { value: "imd25_extent", rank: "imd25_rank_of_extent" },
  concentration: { value: "imd25_local_concentration", rank: "imd25_rank_of_local_concentration" },
  top10: {
    value: "imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally",
    rank: "imd_rank_of_proportion_of_lso_as_in_most_deprived_10_percent_nationally",
  },
};

d("IoD 2025 File 10 rebuilt from the LSOA scores and ranks (296 districts)", () => {
  const lsoa = readCsvColumns(join(RAW, "imd/imd2025_england_lsoa21.csv.gz"));
  const geo = readCsvColumns(join(RAW, "geography/lsoa21_ward24_lad24_EW.csv.gz"));
  const ts001 = readCsvColumns(join(RAW, "population/census2021-ts001-lsoa.csv.gz"));
  const f10 = readCsvColumns(join(RAW, "imd/imd2025_england_ltla24.csv"));
  const ladOf = new Map(geo.lsoa21_code.map((c, i) => [c, geo.ltla24_code[i]]));
  const popOf = new Map(
    ts001["geography code"].map((c, i) => [c, Number(ts001["Residence type: Total; measures: Value"][i])]),
  );
  const n = lsoa.lsoa21_code.length;
  const groups = groupIndex(lsoa.lsoa21_code.map((c) => ladOf.get(c)));
  const score = Float64Array.from(lsoa.IMD_score, Number);
  const rank = Float64Array.from(lsoa.IMD_rank, Number);
  const pop = Float64Array.from(lsoa.lsoa21_code, (c) => popOf.get(c) ?? NaN);
  const s = areaSummary(score, groups.codes, pop, rank);
  const row = new Map(f10.ltla24_code.map((c, i) => [c, i]));
  const at = groups.labels.map((code) => row.get(code)!);
  const name = (j: number) => f10.ltla24_name[at[j]];
  const published = (col: string) => Float64Array.from(at, (i) => Number(f10[col][i]));

  /** Largest |computed − published| over the 296 districts and the district where it occurs. */
  function worst(m: SummaryMeasure): { err: number; mean: number; district: string } {
    const pub = published(FILE10[m]!.value);
    let err = -1;
    let sum = 0;
    let where = -1;
    for (let j = 0; j < pub.length; j++) {
      const e = Math.abs(s[m][j] - pub[j]);
      sum += e;
      if (e > err) [err, where] = [e, j];
    }
    const r = { err, mean: sum / pub.length, district: name(where) };
    console.log(`File 10 ${m}: max |error| ${err.toPrecision(4)} (${r.district}), mean ${r.mean.toPrecision(3)}`);
    return r;
  }
  /** Districts whose computed rank on `m` differs from File 10's. */
  function rankMisses(m: SummaryMeasure): { district: string; ours: number; theirs: number }[] {
    const pub = published(FILE10[m]!.rank);
    const out = [];
    for (let j = 0; j < pub.length; j++)
      if (s.ranks[m][j] !== pub[j]) out.push({ district: name(j), ours: s.ranks[m][j], theirs: pub[j] });
    const far = Math.max(0, ...out.map((x) => Math.abs(x.ours - x.theirs)));
    console.log(`File 10 rank of ${m}: ${pub.length - out.length} of ${pub.length} reproduced, worst off by ${far}`);
    return out;
  }

  test("every LSOA has a district, a population and a score; 296 districts as in File 10", () => {
    expect(n).toBe(33755);
    expect(groups.labels.length).toBe(296);
    expect(at.every((i) => i !== undefined)).toBe(true);
    expect(s.problems).toEqual([]);
    expect(s.n).toBe(n);
  });

  test("share of LSOAs in the most deprived 10%: exact (to File 10's 4 d.p.) and every district rank exact", () => {
    const pub = published(FILE10.top10!.value);
    const off = groups.labels
      .map((_, j) => j)
      .filter((j) => Math.round(s.top10[j] * 1e4) / 1e4 !== pub[j])
      .map((j) => `${name(j)} ${s.areas[j]} LSOAs: ${s.top10[j]} vs ${pub[j]}`);
    // File 10 prints 0.021 for West Northamptonshire: 5 of 238 LSOAs (0.02101); LSOA21 → LAD24 gives it
    // 237 (5/237 = 0.02110). The district rank is still exact (no district lies in between).
    expect(off).toEqual(["West Northamptonshire 237 LSOAs: 0.02109704641350211 vs 0.021"]);
    expect(worst("top10").err).toBeLessThan(1e-4);
    expect(rankMisses("top10")).toEqual([]);
  });

  test("average rank (most deprived = N) within 400; local concentration within 200", () => {
    const r = worst("rank");
    expect(r.err).toBeLessThan(400);
    expect(r.district).toBe("City of London");
    const c = worst("concentration");
    expect(c.err).toBeLessThan(200);
    expect(c.district).toBe("West Oxfordshire");
  });

  test("extent (IoD percentile steps) within 0.0075, mean within 0.001", () => {
    // 0.005 is not reachable with Census 2021 weights by any per-percentile weights: the least-squares
    // optimum still misses Manchester by 0.006 (docs/method.md). The residuals follow the population
    // denominators (Census day 2021 undercounted students in Manchester and Tower Hamlets).
    const e = worst("extent");
    expect(e.err).toBeLessThan(0.0075);
    expect(e.mean).toBeLessThan(0.001);
    expect(e.district).toBe("Manchester");
  });

  test("average score within 0.35 (population denominators)", () => {
    const e = worst("score");
    expect(e.err).toBeLessThan(0.35);
    expect(e.mean).toBeLessThan(0.05);
    expect(e.district).toBe("City of London");
  });

  test("published district ranks reproduced on every measure (floors; the rest are adjacent swaps)", () => {
    const floors: Partial<Record<SummaryMeasure, [number, number]>> = {
      // [at least this many of 296 exact, no district further off than this many places]
      score: [190, 8],
      rank: [165, 9],
      extent: [165, 5],
      concentration: [190, 4],
      top10: [296, 0],
    };
    for (const m of SUMMARY_MEASURES) {
      const f = floors[m];
      if (!f) continue;
      const miss = rankMisses(m);
      expect(296 - miss.length).toBeGreaterThanOrEqual(f[0]);
      for (const x of miss) expect(Math.abs(x.ours - x.theirs)).toBeLessThanOrEqual(f[1]);
    }
  });

  test("the extent rule fits File 10 better than the alternatives", () => {
    const pub = published(FILE10.extent!.value);
    type Rule = (p: number, share: number) => number;
    const rules: Record<string, Rule> = {
      "0.95 − 0.9(p − 11)/19 (chosen)": (p) => (p <= 10 ? 1 : p <= 30 ? 0.95 - (0.9 * (p - 11)) / 19 : 0),
      "(31 − p)/21": (p) => (p <= 10 ? 1 : p <= 30 ? (31 - p) / 21 : 0),
      "(30 − p)/20": (p) => (p <= 10 ? 1 : p <= 30 ? (30 - p) / 20 : 0),
      "continuous (0.3 − r/N)/0.2": (_, x) => (x <= 0.1 ? 1 : x < 0.3 ? (0.3 - x) / 0.2 : 0),
    };
    const fit: Record<string, { max: number; mean: number }> = {};
    for (const [label, w] of Object.entries(rules)) {
      const num = new Float64Array(groups.labels.length);
      for (let i = 0; i < n; i++) num[groups.codes[i]] += pop[i] * w(Math.ceil((100 * rank[i]) / n), rank[i] / n);
      let max = 0;
      let sum = 0;
      for (let j = 0; j < num.length; j++) {
        const e = Math.abs(num[j] / s.population[j] - pub[j]);
        max = Math.max(max, e);
        sum += e;
      }
      fit[label] = { max, mean: sum / num.length };
      console.log(`extent rule ${label}: max |error| ${max.toFixed(5)}, mean ${fit[label].mean.toFixed(5)}`);
    }
    const chosen = fit["0.95 − 0.9(p − 11)/19 (chosen)"];
    expect(chosen.max).toBeCloseTo(worst("extent").err, 12); // the core computes the same rule
    for (const [label, f] of Object.entries(fit)) if (!label.includes("chosen")) expect(chosen.max).toBeLessThan(f.max);
    expect(chosen.mean).toBeLessThan(fit["(30 − p)/20"].mean / 3);
    expect(chosen.mean).toBeLessThan(fit["continuous (0.3 − r/N)/0.2"].mean);
  });

  test("ranking most deprived = 1 instead (the old direction) is far out", () => {
    const pub = published(FILE10.rank!.value);
    let worstOld = 0;
    for (let j = 0; j < pub.length; j++) worstOld = Math.max(worstOld, Math.abs(n + 1 - s.rank[j] - pub[j]));
    expect(worstOld).toBeGreaterThan(10000);
  });
});
