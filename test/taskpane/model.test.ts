import { listIndicators } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import {
  defaultOptions,
  makePlan,
  runMeasure,
  searchAreas,
  summariseDataset,
  summariseResult,
  traceArea,
  validateUiOptions,
} from "../../src/taskpane/model";
import { subsetBundle } from "../workbook/helpers";
import { planCell } from "../helpers/planCells";

let full: Bundle;
let sub: Bundle;
beforeAll(() => {
  full = loadBundleFromDir();
  sub = subsetBundle(full, 1500, 12);
});

test("dataset card: LSOAs, indicators by dimension, real/proxy/synthetic status", () => {
  const d = summariseDataset(hlnSpec, full);
  expect(d.areas).toBe(33_755);
  expect(d.indicators).toBe(31);
  expect(d.status).toEqual({ real: 9, proxy: 17, synthetic: 5 });
  expect(d.dimensions.map((x) => x.indicators)).toEqual([12, 3, 1, 7, 8]);
  expect(d.synthetic).toHaveLength(5);
  expect(d.excluded.map((e) => e.code)).toEqual(["E01019077"]);
});

test("options prefilled from the spec and validated", () => {
  const o = defaultOptions(hlnSpec);
  expect(o).toEqual({
    weights: {
      growth: 0.225,
      energy: 0.1,
      crime: 0.225,
      opportunity: 0.225,
      nhs: 0.225,
    },
    constant: 23,
    excludeScilly: true,
  });
  expect(validateUiOptions(o)).toEqual({});
  expect(
    Object.keys(
      validateUiOptions({
        ...o,
        constant: 0,
        weights: { ...o.weights, crime: -1 },
      }),
    ).sort(),
  ).toEqual(["constant", "crime"]);
  expect(
    validateUiOptions({
      ...o,
      weights: { growth: 0, energy: 0, crime: 0, opportunity: 0, nhs: 0 },
    }).weights,
  ).toBeDefined();
});

test("full build summary: top 20 and hotspots by region; Scilly excluded or not", () => {
  const r = runMeasure(hlnSpec, full, defaultOptions(hlnSpec));
  const s = summariseResult(r, full);
  expect(s.top.map((t) => t.rank)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
  for (let k = 1; k < 20; k++) expect(s.top[k].score).toBeLessThanOrEqual(s.top[k - 1].score);
  expect(s.n).toBe(33_754);
  expect(s.hotspotsByRegion.reduce((t, x) => t + x.hotspots, 0)).toBe(s.hotspots);
  expect(s.hotspots).toBe(Math.floor(33_754 / 5));
  expect(s.hotspotsByRegion).toHaveLength(9);
  const all = runMeasure(hlnSpec, full, {
    ...defaultOptions(hlnSpec),
    excludeScilly: false,
  });
  expect(all.n).toBe(33_755);
});

test("search by code or name", () => {
  const code = full.geography.lsoa21Code[100];
  expect(searchAreas(full, code)[0].code).toBe(code);
  const hits = searchAreas(full, "hartlepool 001");
  expect(hits.length).toBeGreaterThan(0);
  for (const h of hits) expect(h.name.toLowerCase()).toContain("hartlepool 001");
  expect(searchAreas(full, "x")).toEqual([]);
});

test("trace: every step's cell in the plan holds the value the trace shows", () => {
  const result = runMeasure(hlnSpec, sub, defaultOptions(hlnSpec));
  const plan = makePlan(hlnSpec, sub, result);
  const rows = [0, 17, Math.floor(sub.n / 2), sub.n - 1];
  let checked = 0;
  for (const { indicator } of listIndicators(hlnSpec)) {
    for (const i of rows) {
      const steps = traceArea(hlnSpec, plan, result, i, indicator.id);
      expect(steps.length).toBeGreaterThanOrEqual(8);
      for (const st of steps) {
        expect(st.sheet).toBeDefined();
        const cell = planCell(plan, st.sheet!, st.address!);
        if (st.step === "Raw" && indicator.kind === "count") {
          // the Data cell holds the numerator; the raw proportion is numerator ÷ denominator
          expect(typeof cell === "number" || cell === null).toBe(true);
          continue;
        }
        if (st.value === null) expect(cell === null || cell === "" || cell === undefined).toBe(true);
        else expect(cell as number).toBeCloseTo(st.value, 9);
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThan(31 * 4 * 7);
});
