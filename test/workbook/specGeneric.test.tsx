/**
 * Spec-generic builds (issue 10): a measure that is not the HLN — three dimensions, one without
 * sub-dimensions, no exclusions, its own labels, areas that are not LSOAs — built and rebuilt
 * through the CLI and through the task pane's controller with the spec injected. Every text the
 * user sees says what the spec says: no "LSOA", "lsoa21_code" or Scilly wording anywhere.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import * as React from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { defaultSettings } from "../../src/core/settings";
import { specColumns, validateSpec, type MeasureSpec } from "../../src/core/spec";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { runBuild } from "../../src/cli/build";
import { summaryLines } from "../../src/cli/hln";
import { readUserCsv } from "../../src/cli/userData";
import { OptionsCard } from "../../src/taskpane/components/OptionsCard";
import { buildInWorkbook } from "../../src/taskpane/controller";
import { excel } from "../../src/taskpane/excel";
import { mapDataFromResult } from "../../src/map";
import { editPaneOption, mapColumns, paneOptionsFromSpec, summariseDataset, traceArea } from "../../src/taskpane/model";
import { buildWorkbook } from "../../src/workbook/pipeline";
import type { WorkbookPlan } from "../../src/workbook/planTypes";
import { installExcel } from "../helpers/excelGlobal";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { syntheticMeasureData } from "../helpers/synthetic";
import { subsetBundle } from "./helpers";

const SPEC_FILE = join(__dirname, "../fixtures/spec-3dim.json");
const spec: MeasureSpec = validateSpec(JSON.parse(readFileSync(SPEC_FILE, "utf8")));
const HLN_WORDS = /LSOA|lsoa|Scilly|Hyper-local/;

/** Every text cell of a plan (constants and cached values) that matches `re`, as "sheet!block: text". */
function textsMatching(plan: WorkbookPlan, re: RegExp): string[] {
  const out: string[] = [];
  for (const s of plan.sheets)
    for (const b of s.blocks) {
      if (b.columnValues) continue; // per-area data columns: codes and numbers
      for (const row of (b.formula !== undefined ? b.cached : b.values) ?? [])
        for (const v of row) if (typeof v === "string" && re.test(v)) out.push(`${s.name}!${b.address}: ${v}`);
    }
  return out;
}

function wardCsv(dir: string): string {
  const d = syntheticMeasureData(spec, 240, 8, 3);
  const cols = specColumns(spec);
  const rows = [["area_code", "area_name", "group_code", "group_name", "population", ...cols].join(",")];
  for (let i = 0; i < d.areaCodes.length; i++)
    rows.push(
      [
        `W${String(i).padStart(4, "0")}`,
        `Ward ${i}`,
        d.groupCodes[i],
        `District ${d.groupCodes[i]}`,
        d.population![i],
        ...cols.map((c) => d.columns[c][i]),
      ].join(","),
    );
  const f = join(dir, "wards.csv");
  writeFileSync(f, rows.join("\n") + "\n");
  return f;
}

test("CLI: the scores CSV headers, the summary and every sheet say what the spec says", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hln-generic-"));
  const data = wardCsv(dir);
  const s = await runBuild({
    spec: SPEC_FILE,
    data,
    out: join(dir, "out"),
    format: "both",
    builtAt: "2026-01-01T00:00:00Z",
  });
  const csv = Papa.parse<string[]>(readFileSync(join(dir, "out", "hln-scores.csv"), "utf8").trim()).data;
  expect(csv[0]).toEqual([
    "neighbourhood_code",
    "neighbourhood_name",
    "district_code",
    "district_name",
    "region",
    "work_score",
    "work_rank",
    "health_score",
    "health_rank",
    "home_score",
    "home_rank",
    "overall_score",
    "rank",
    "decile",
    "hotspot",
    "data_status",
  ]);
  expect(csv).toHaveLength(241);
  const lines = summaryLines(s);
  expect(lines[0]).toMatch(
    /^Built the Neighbourhood Wellbeing Index measure: 240 neighbourhoods \(240 in the measure\), 6 indicators/,
  );
  expect(lines.join("\n")).not.toMatch(HLN_WORDS);
  // the xlsx is this plan (the same pipeline): no HLN wording in any sheet
  const user = await readUserCsv(data, spec);
  const { plan } = buildWorkbook(spec, user, defaultSettings(spec), { builtAt: "2026-01-01T00:00:00Z" });
  expect(textsMatching(plan, HLN_WORDS).filter((t) => !/OCSI's Hyper-local Need Technical/.test(t))).toEqual([]);
  const about = plan.sheets.find((x) => x.role === "about")!;
  expect(about.blocks[0].values![0][0]).toBe("Neighbourhood Wellbeing Index measure");
  expect(JSON.stringify(about.blocks[1].values)).toContain("240");
  const data_ = plan.sheets.find((x) => x.role === "data")!;
  expect(data_.blocks[1].values![0].slice(0, 4)).toEqual([
    "Neighbourhood code",
    "Neighbourhood name",
    "District code",
    "District name",
  ]);
});

describe("task pane, with the spec injected", () => {
  let sub: Bundle;
  beforeAll(() => {
    sub = subsetBundle(loadBundleFromDir(), 300, 3);
  });

  test("build and rebuild: settings read back from the workbook, the trace, the map and the texts follow the spec", async () => {
    const wb = new FakeWorkbook(["Mine"]);
    installExcel(wb);
    const first = await buildInWorkbook(
      { spec, bundle: sub, pane: paneOptionsFromSpec(spec), choice: "rebuild" },
      excel,
    );
    expect(first.status).toBe("complete");
    expect(first.result.n).toBe(sub.n); // no exclusions in this spec
    const w = wb.sheet("HLN Weights")!;
    // edit the health weight in the sheet, and the constant in the pane
    for (const [k, cell] of w.cells)
      if (k.endsWith(",0") && cell.v === "health") w.get(Number(k.split(",")[0]), 1)!.v = 0.6;
    const pane = editPaneOption(paneOptionsFromSpec(spec), "constant", 25);
    const again = await buildInWorkbook({ spec, bundle: sub, pane, choice: "rebuild" }, excel);
    expect(again.rebuild).toBe(true);
    expect(again.settings.weights.health).toBe(0.6);
    expect(again.settings.constant).toBe(25);
    expect(again.result.options.constant).toBe(25);
    expect(again.problems).toEqual([]);
    // the bundle's own facts stay (its sources, district names such as the Isles of Scilly, "bundled LSOA21 dataset")
    const provenance =
      /^HLN Sources!|^HLN LA!A3:|^HLN (Charts!G4|Compare!O\d+): Isles of Scilly$|: bundled LSOA21 dataset$|OCSI's Hyper-local Need Technical/;
    expect(textsMatching(again.plan, HLN_WORDS).filter((t) => !provenance.test(t))).toEqual([]);
    // the trace finds every step of a dimension without sub-dimensions through the index
    const steps = traceArea(again.spec, again.plan.index, again.result, 5, "life_exp");
    expect(steps.map((s) => s.step)).toEqual([
      "Raw",
      "4 Not shrunk",
      "5 Directed",
      "6 Normal",
      "7 Dimension",
      "8 Dimension",
      "9 Overall",
      "9 Score",
      "Rank",
    ]);
    for (const s of steps) expect(s.sheet).toMatch(/^HLN /);
    const cols = mapColumns(again.spec, again.plan.index);
    expect(cols.columns.map((c) => c.label)).toEqual([
      "Neighbourhood Wellbeing Index (overall)",
      "Work and income",
      "Health",
      "Home",
    ]);
    expect(mapDataFromResult(sub, again.result).measures[0].label).toBe("Neighbourhood Wellbeing Index (overall)");
    expect(summariseDataset(spec, sub).noun).toBe("neighbourhood");
  });

  test("the Options card shows the spec's dimensions and no exclusion switch (the spec lists none)", () => {
    const html = renderToStaticMarkup(
      <FluentProvider theme={webLightTheme}>
        <OptionsCard
          spec={spec}
          options={paneOptionsFromSpec(spec)}
          errors={{}}
          disabled={false}
          onEdit={() => undefined}
          onReset={() => undefined}
        />
      </FluentProvider>,
    );
    for (const d of spec.dimensions) expect(html).toContain(d.label);
    expect(html).toContain("Prefilled from the Neighbourhood Wellbeing Index spec");
    expect(html).not.toMatch(/Scilly|Exclude/);
  });
});
