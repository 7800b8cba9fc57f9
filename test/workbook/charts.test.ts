import "../map/d3umd";
import { HyperFormula } from "hyperformula";
import { planChartsSheet } from "../../src/workbook/plan/charts";
import { SHEET_NAMES } from "../../src/workbook/plan";
import { addCharts } from "../../src/workbook/officeCharts";
import { groupIndex } from "../../src/core";
import { realData } from "../map/fixtures";
import type { Block } from "../../src/workbook/planTypes";
import { buildMeasure } from "../../src/core/buildMeasure";
import { hlnSpec } from "../../src/core/specs";
import { toMeasureData } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { planWorkbook } from "../../src/workbook/plan";
import { compareFormulaBlocks, planToEngine, subsetBundle } from "./helpers";

function cellOf(blocks: Block[], address: string): Block | undefined {
  return blocks.find((b) => b.address === address);
}

describe("charts sheet plan", () => {
  test("real result: 20 score bands holding every scored LSOA; the 20 LAs with most hotspots, sorted", () => {
    const { bundle, result } = realData(false);
    const names = new Map(bundle.meta.lads.map((l) => [l.code, l.name]));
    const plan = planChartsSheet(result, names);
    expect(plan.sheet.name).toBe(SHEET_NAMES.charts);
    expect(plan.sheet.role).toBe("charts");
    const d = plan.tables.distribution;
    expect(d).toHaveLength(20);
    expect(d.reduce((a, b) => a + b.count, 0)).toBe(result.n);
    expect(d.reduce((a, b) => a + b.count, 0)).toBe(33754);
    const t = plan.tables.topLas;
    expect(t).toHaveLength(20);
    for (let k = 1; k < t.length; k++) expect(t[k - 1].hotspots).toBeGreaterThanOrEqual(t[k].hotspots);
    // independent count for the first LA
    let n = 0;
    for (let i = 0; i < bundle.n; i++) if (bundle.geography.ladCode[i] === t[0].code && result.hotspot[i] === 1) n++;
    expect(t[0].hotspots).toBe(n);
    // no LA outside the table has more hotspots than the last one in it
    const per = new Map<string, number>();
    for (let i = 0; i < bundle.n; i++)
      if (result.hotspot[i] === 1)
        per.set(bundle.geography.ladCode[i], (per.get(bundle.geography.ladCode[i]) ?? 0) + 1);
    const inTable = new Set(t.map((x) => x.code));
    for (const [c, k] of per) if (!inTable.has(c)) expect(k).toBeLessThanOrEqual(t[19].hotspots);
    expect(t[0].name).toBe(names.get(t[0].code));
    // chart specs point at the tables
    const [hist, bar] = plan.charts;
    expect(hist).toMatchObject({
      type: "ColumnClustered",
      source: "A3:B23",
      seriesBy: "Columns",
    });
    expect(bar).toMatchObject({
      type: "BarClustered",
      source: "G3:H23",
      reverseCategories: true,
    });
    expect(cellOf(plan.sheet.blocks, "A3")!.values![0]).toEqual(["Score band", "LSOAs", "From (≥)", "To (<; last ≤)"]);
    expect(cellOf(plan.sheet.blocks, "G3")!.values![0].slice(0, 2)).toEqual(["Local authority", "Hotspot LSOAs"]);
    expect(cellOf(plan.sheet.blocks, "B4")!.values).toEqual([[d[0].count]]);
    expect(cellOf(plan.sheet.blocks, "H4")!.values).toEqual([[t[0].hotspots]]);
  });

  test("with workbook references the counts are COUNTIFS formulas whose values match the cached ones (HyperFormula)", () => {
    // a small workbook: 12 areas in 3 LAs
    const score = [0, 3, 4.99, 5, 12, 50, 95, 100, 99.5, 10, NaN, 7];
    const lad = ["A", "A", "A", "B", "B", "B", "B", "C", "C", "C", "C", "C"];
    const hotspot = [0, 0, 0, 0, 0, 1, 1, 1, 1, 0, NaN, 0];
    const groups = groupIndex(lad);
    const result = {
      score: Float64Array.from(score),
      hotspot: Float64Array.from(hotspot),
      groups,
      excluded: new Uint8Array(12),
    };
    const plan = planChartsSheet(
      result,
      { A: "Aville", B: "Bton", C: "Ceford" },
      {
        topN: 3,
        refs: {
          score: "'HLN Score'!$A$1:$A$12",
          hotspot: "'HLN Score'!$B$1:$B$12",
          lad: "'HLN Score'!$C$1:$C$12",
        },
      },
    );
    const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
    const sc = hf.getSheetId(hf.addSheet("HLN Score"))!;
    hf.setSheetContent(
      sc,
      score.map((s, i) => [Number.isFinite(s) ? s : "", Number.isFinite(hotspot[i]) ? hotspot[i] : "", lad[i]]),
    );
    const ch = hf.getSheetId(hf.addSheet(plan.sheet.name))!;
    const parse = (a: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(a)!;
      return {
        sheet: ch,
        col: m[1].split("").reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1,
        row: Number(m[2]) - 1,
      };
    };
    for (const b of plan.sheet.blocks) {
      const at = parse(b.address);
      if (b.values) hf.setCellContents(at, b.values as never);
      else hf.setCellContents(at, [[b.formula!]]);
    }
    let formulas = 0;
    for (const b of plan.sheet.blocks) {
      if (!b.formula) continue;
      formulas++;
      const v = hf.getCellValue(parse(b.address));
      expect({ at: b.address, v }).toEqual({
        at: b.address,
        v: b.cached![0][0],
      });
    }
    expect(formulas).toBe(20 + 3 * 3);
    expect(plan.tables.topLas.map((l) => [l.name, l.hotspots, l.areas])).toEqual([
      ["Bton", 2, 4], // tie on count and share: by name
      ["Ceford", 2, 4], // 5 LSOAs, one without a score
      ["Aville", 0, 3],
    ]);
    expect(plan.tables.distribution[0].count).toBe(3); // 0, 3, 4.99
    expect(plan.tables.distribution[19].count).toBe(3); // 95, 99.5, 100
  });

  test("addCharts: Office.js calls for each chart, replacing charts of the same name", async () => {
    const calls: string[] = [];
    const mkChart = (name: string) => {
      const o: any = {
        name,
        title: { text: "", format: { font: {} } },
        legend: {},
        axes: { categoryAxis: { title: {} }, valueAxis: { title: {} } },
        series: {
          getItemAt: () => ({
            format: {
              fill: { setSolidColor: (c: string) => calls.push(`fill ${c}`) },
            },
          }),
        },
        setPosition: (a: string, b: string) => calls.push(`position ${a}:${b}`),
      };
      return o;
    };
    const made: any[] = [];
    const sheet = {
      charts: {
        getItemOrNullObject: (n: string) => ({
          isNullObject: n !== "HLN score distribution",
          delete: () => calls.push(`delete ${n}`),
        }),
        add: (type: string, range: { address: string }, by: string) => {
          calls.push(`add ${type} ${range.address} ${by}`);
          const c = mkChart("");
          made.push(c);
          return c;
        },
      },
      getRange: (a: string) => ({ address: a }),
    };
    const context: any = {
      workbook: {
        worksheets: {
          getItem: (n: string) => (calls.push(`sheet ${n}`), sheet),
        },
      },
      sync: async () => calls.push("sync"),
    };
    const { bundle, result } = realData(false);
    const plan = planChartsSheet(result, new Map(bundle.meta.lads.map((l) => [l.code, l.name])));
    await addCharts(context, "HLN Charts", plan);
    expect(calls).toEqual([
      "sheet HLN Charts",
      "sync",
      "delete HLN score distribution",
      "add ColumnClustered A3:B23 Columns",
      `position ${plan.charts[0].topLeft}:${plan.charts[0].bottomRight}`,
      "fill #3182BD",
      "add BarClustered G3:H23 Columns",
      `position ${plan.charts[1].topLeft}:${plan.charts[1].bottomRight}`,
      "fill #08519C",
      "sync",
    ]);
    expect(made[1].axes.categoryAxis.reversePlotOrder).toBe(true);
    expect(made[0].name).toBe("HLN score distribution");
    expect(made[0].legend.visible).toBe(false);
    expect(made[1].title.text).toContain("most hotspot");
  });
});

test("add-in mode: a district with no ranked area (Scilly, excluded) has a blank share, cached as the formula shows it", async () => {
  const bundle = subsetBundle(loadBundleFromDir(), 600, 8);
  const result = buildMeasure(hlnSpec, toMeasureData(bundle));
  const plan = planWorkbook(hlnSpec, bundle, result, { builtAt: "x", version: "test", formulas: "addin" });
  const charts = { ...plan, sheets: plan.sheets.filter((s) => s.role === "charts") };
  expect(JSON.stringify(charts.sheets[0].blocks)).toContain("E06000053"); // the Isles of Scilly are listed
  const hf = await planToEngine(plan);
  const c = compareFormulaBlocks(hf, charts);
  hf.destroy();
  expect(c.mismatches.filter(Boolean)).toEqual([]);
});
