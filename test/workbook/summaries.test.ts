/**
 * Summary sheets for any grouping (issue 11): the plan adds one sheet per chosen grouping (HLN Ward,
 * HLN Region, …) with its group codes at the end of the Data sheet; in HyperFormula each sheet's
 * HLN.LASUMMARY equals the core's areaSummary that the plan caches. The CLI's --summaries.
 */
import { areaSummary } from "../../src/core/summaries/areaSummary";
import { groupIndex } from "../../src/core/groupIndex";
import { defaultSettings } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { areaGrouping } from "../../src/data/groupings";
import { loadBundleFromDir } from "../../src/data/node";
import { runBuild, summaryGroupings } from "../../src/cli/build";
import { summaryLines } from "../../src/cli/hln";
import { buildWorkbook } from "../../src/workbook/pipeline";
import { compareFormulaBlocks, planToEngine, subsetBundle } from "./helpers";
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

let sub: Bundle;
beforeAll(() => {
  sub = subsetBundle(loadBundleFromDir(), 400, 4);
});

test("HLN Ward and HLN Region sheets: formulas over the Data sheet's group columns equal the core (HyperFormula)", async () => {
  const groupings = [areaGrouping(sub, "ward"), areaGrouping(sub, "region")];
  const { plan, result } = buildWorkbook(hlnSpec, sub, defaultSettings(hlnSpec), { groupings, builtAt: "x" });
  expect(plan.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["HLN Ward", "HLN Region"]));
  const ward = plan.sheets.find((s) => s.name === "HLN Ward")!;
  const table = ward.blocks.find((b) => b.formula)!;
  expect(table.formula).toMatch(/^=HLN\.LASUMMARY\(.*'HLN Data'!\$[A-Z]+\$3:\$[A-Z]+\$\d+,/);
  const wards = groupIndex(groupings[0].codes);
  const core = areaSummary(result.score, wards.codes, sub.columns.pop_total, result.rank);
  expect(table.cached![0].slice(0, 4)).toEqual(["group", "areas", "population", "score"]);
  expect(table.cached!.length).toBe(
    1 + wards.labels.length + (core.problems.some((p) => p.code === "NO_GROUP") ? 1 : 0),
  );
  for (let j = 0; j < wards.labels.length; j += 7) {
    expect(table.cached![1 + j][0]).toBe(wards.labels[j]);
    const v = table.cached![1 + j][3];
    if (Number.isFinite(core.score[j])) expect(v).toBeCloseTo(core.score[j], 12);
  }
  expect(plan.index.get("area:grouping:ward")?.sheet).toBe("HLN Data");
  expect(plan.index.get("sheet:summary:ward")?.sheet).toBe("HLN Ward");
  const hf = await planToEngine(plan);
  try {
    const { checked, mismatches } = compareFormulaBlocks(hf, plan, (s, b) =>
      s === "HLN Ward" || s === "HLN Region" ? b.cached : undefined,
    );
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  } finally {
    hf.destroy();
  }
});

test("CLI --summaries: bundled groupings only, named errors otherwise; the summary counts groups and areas left out", async () => {
  const bundle = loadBundleFromDir();
  expect(summaryGroupings("lad,ward,region", bundle).map((g) => g.id)).toEqual(["ward", "region"]);
  expect(() => summaryGroupings("lad,parish", bundle)).toThrow(
    '--summaries: "parish" is not one of lad, utla, region, msoa, ward',
  );
  expect(() =>
    summaryGroupings("ward", { areaCodes: [], groupCodes: [], columns: {}, file: "x.csv" } as never),
  ).toThrow(/--summaries ward: your data has only its own group column/);
  const s = await runBuild({ out: mkdtempSync(join(tmpdir(), "hln-sum-")), format: "csv", summaries: "lad,ward" });
  expect(s.summaries).toEqual([
    { id: "lad", groups: 296, leftOut: 1 },
    { id: "ward", groups: expect.any(Number), leftOut: 1 },
  ]);
  expect(s.summaries[1].groups).toBeGreaterThan(6000);
  expect(summaryLines(s).join("\n")).toMatch(/Summary by ward: 6,\d{3} groups; 1 LSOAs left out/);
});
