import { listIndicators } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { defaultSettings } from "../../src/core/settings";
import {
  buildPaneWorkbook,
  editPaneOption,
  paneOptionsFromSpec,
  paneOptionsFromWorkbook,
  searchAreas,
  settingsForBuild,
  summariseDataset,
  summariseResult,
  traceArea,
  validatePaneOptions,
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
  expect(d.noun).toBe("LSOA");
  expect(d.indicators).toBe(31);
  expect(d.status).toEqual({ real: 9, proxy: 17, synthetic: 5, user: 0 });
  expect(d.dimensions.map((x) => x.indicators)).toEqual([12, 3, 1, 7, 8]);
  expect(d.synthetic).toHaveLength(5);
  expect(d.excluded.map((e) => e.code)).toEqual(["E01019077"]);
});

test("options prefilled from the spec and validated with the core's rules", () => {
  const o = paneOptionsFromSpec(hlnSpec);
  expect({ ...o.settings.weights }).toMatchObject({
    growth: 0.225,
    energy: 0.1,
    crime: 0.225,
    opportunity: 0.225,
    nhs: 0.225,
  });
  expect(o.settings.constant).toBe(23);
  expect(o.settings.applyExclusions).toBe(true);
  expect(o.origin).toBe("spec");
  expect(validatePaneOptions(hlnSpec, o)).toEqual({});
  const bad = editPaneOption(editPaneOption(o, "constant", 0), "weight:crime", -1);
  expect(validatePaneOptions(hlnSpec, bad)).toEqual({
    constant: "The constant must be a number greater than 0",
    crime: "A weight must be a number ≥ 0",
  });
  let zero = o;
  for (const d of hlnSpec.dimensions) zero = editPaneOption(zero, `weight:${d.id}`, 0);
  expect(validatePaneOptions(hlnSpec, zero).weights).toBe("At least one dimension weight must be above 0");
});

test("precedence: the card refreshed from the workbook; a field typed in the pane is marked and wins", () => {
  const workbook = defaultSettings(hlnSpec);
  workbook.weights.crime = 0.5;
  workbook.constant = 19;
  const typed = editPaneOption(paneOptionsFromSpec(hlnSpec), "weight:growth", 0.3);
  expect(typed.fromPane).toEqual(["weight:growth"]);
  const card = paneOptionsFromWorkbook(typed, workbook);
  expect(card.origin).toBe("workbook");
  expect([card.settings.weights.growth, card.settings.weights.crime, card.settings.constant]).toEqual([0.3, 0.5, 19]);
  const later = defaultSettings(hlnSpec); // the sheet edited again before the rebuild
  later.weights.growth = 0.1;
  later.weights.nhs = 0.2;
  const used = settingsForBuild(card, later);
  expect([used.weights.growth, used.weights.nhs, used.weights.crime]).toEqual([0.3, 0.2, 0.225]);
  expect(settingsForBuild(card)).toBe(card.settings);
});

test("full build summary: top 20 and hotspots by region; Scilly excluded or not", () => {
  const r = buildPaneWorkbook(hlnSpec, full, defaultSettings(hlnSpec)).result;
  const s = summariseResult(r, full);
  expect(s.top.map((t) => t.rank)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
  for (let k = 1; k < 20; k++) expect(s.top[k].score).toBeLessThanOrEqual(s.top[k - 1].score);
  expect(s.n).toBe(33_754);
  expect(s.hotspotsByRegion.reduce((t, x) => t + x.hotspots, 0)).toBe(s.hotspots);
  expect(s.hotspots).toBe(Math.floor(33_754 / 5));
  expect(s.hotspotsByRegion).toHaveLength(9);
  expect(s.top[0]).toEqual({
    rank: 1,
    index: r.rank.indexOf(1),
    code: full.geography.lsoa21Code[r.rank.indexOf(1)],
    name: full.geography.lsoa21Name[r.rank.indexOf(1)],
    la: full.geography.ladName[r.rank.indexOf(1)],
    score: r.score[r.rank.indexOf(1)],
  });
  const off = paneOptionsFromSpec(hlnSpec).settings;
  off.applyExclusions = false;
  expect(buildPaneWorkbook(hlnSpec, full, off).result.n).toBe(33_755);
});

test("search by code or name", () => {
  const code = full.geography.lsoa21Code[100];
  expect(searchAreas(full, code)[0].code).toBe(code);
  const hits = searchAreas(full, "hartlepool 001");
  expect(hits.length).toBeGreaterThan(0);
  for (const h of hits) expect(h.name.toLowerCase()).toContain("hartlepool 001");
  expect(hits[0]).toEqual({
    index: full.geography.lsoa21Name.findIndex((n) => n.toLowerCase().includes("hartlepool 001")),
    code: expect.stringMatching(/^E01/),
    name: expect.stringMatching(/^Hartlepool 001/),
    la: "Hartlepool",
  });
  expect(searchAreas(full, "x")).toEqual([]);
});

test("trace: every step's cell in the plan holds the value the trace shows", () => {
  const { result, plan } = buildPaneWorkbook(hlnSpec, sub, defaultSettings(hlnSpec));
  const rows = [0, 17, Math.floor(sub.n / 2), sub.n - 1];
  let checked = 0;
  for (const { indicator } of listIndicators(hlnSpec)) {
    for (const i of rows) {
      const steps = traceArea(hlnSpec, plan.index, result, i, indicator.id);
      expect(steps.length).toBeGreaterThanOrEqual(8);
      for (const st of steps) {
        expect(typeof st.sheet).toBe("string");
        expect(st.address).toMatch(/^[A-Z]+\d+$/);
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
