import type { MeasureData } from "../../src/core/buildMeasure";
import { listIndicators, MeasureSpec, specColumns } from "../../src/core/spec";
import { mulberry32 as prng } from "../../scripts/data/prng";

/**
 * Synthetic data of the bundled shape for any spec: `areas` areas in `districts` districts, counts
 * with district-level clustering, values with a shared "need" factor. For tests and benchmarks only.
 */
export function syntheticMeasureData(spec: MeasureSpec, areas: number, districts: number, seed = 1): MeasureData {
  const rnd = prng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const areaCodes: string[] = [];
  const groupCodes: string[] = [];
  const need = new Float64Array(areas);
  const districtNeed = Array.from({ length: districts }, () => normal());
  for (let i = 0; i < areas; i++) {
    areaCodes.push(`E${String(1000000 + i).padStart(8, "0")}`);
    const g = Math.floor((i * districts) / areas);
    groupCodes.push(`D${String(g).padStart(4, "0")}`);
    need[i] = 0.7 * districtNeed[g] + 0.7 * normal();
  }
  const columns: Record<string, Float64Array> = {};
  const ensure = (id: string, make: () => Float64Array) => (columns[id] ??= make());
  for (const { indicator } of listIndicators(spec)) {
    if (indicator.kind === "count") {
      const den = ensure(indicator.denominator!, () =>
        Float64Array.from({ length: areas }, () => 150 + Math.floor(rnd() * 2500)),
      );
      const parts = indicator.numerator!.length;
      for (const c of indicator.numerator!) {
        ensure(c, () =>
          Float64Array.from({ length: areas }, (_, i) => {
            const p = 1 / (1 + Math.exp(-(-2.2 + 0.5 * indicator.polarity * need[i] + 0.3 * normal())));
            return Math.floor((den[i] * p) / parts);
          }),
        );
      }
    } else {
      ensure(indicator.value!, () =>
        Float64Array.from({ length: areas }, (_, i) => 50 + 10 * (indicator.polarity * 0.6 * need[i] + 0.8 * normal())),
      );
      if (indicator.se) ensure(indicator.se, () => Float64Array.from({ length: areas }, () => 1 + rnd() * 3));
    }
  }
  const population = Float64Array.from({ length: areas }, () => 1000 + Math.floor(rnd() * 2000));
  return { areaCodes, groupCodes, columns, population };
}

/**
 * The documented `--data` CSV (docs/cli.md) of syntheticMeasureData as rows of text: a header row
 * (area_code, area_name, group_code, group_name, population, then every column the spec reads) and
 * one row per area.
 */
export function userCsvRows(spec: MeasureSpec, areas: number, districts: number, seed = 1): string[][] {
  const d = syntheticMeasureData(spec, areas, districts, seed);
  const cols = specColumns(spec);
  const rows: string[][] = [["area_code", "area_name", "group_code", "group_name", "population", ...cols]];
  for (let i = 0; i < d.areaCodes.length; i++)
    rows.push([
      d.areaCodes[i],
      `Area ${i}`,
      d.groupCodes[i],
      `District ${d.groupCodes[i]}`,
      String(d.population![i]),
      ...cols.map((c) => String(d.columns[c][i])),
    ]);
  return rows;
}

/** An areas table as Range.values gives it: header row, then one row per area (numbers as numbers). */
export function areasTableRows(spec: MeasureSpec, d: MeasureData): unknown[][] {
  const cols = specColumns(spec);
  return [
    ["area_code", "area_name", "group_code", "population", ...cols],
    ...d.areaCodes.map((code, i) => [
      code,
      `Area ${i}`,
      d.groupCodes[i],
      d.population![i],
      ...cols.map((c) => d.columns[c][i]),
    ]),
  ];
}
