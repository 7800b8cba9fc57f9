/**
 * Native-formula mode in a real spreadsheet engine: `hln build --formulas native` on a 2,000+-LSOA,
 * 21-LAD subset (written as a --data CSV, so the file is the CLI's own), opened in headless
 * LibreOffice (≥ 25.2) and recalculated (UNO calculateAll); every computed cell is read back and
 * compared with buildMeasure's values through the plan (|a − b| ≤ 1e-9·max(1, |b|); ranks,
 * deciles, flags and codes exactly). Then Weights cells are edited (a dimension weight, an
 * indicator weight, a polarity; then the constant and the exclusion switch), the workbook
 * recalculated and compared with buildMeasure for those settings. Under CI (CI=true) a missing or
 * old LibreOffice fails the test; elsewhere it is skipped.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { unzipSync, strFromU8 } from "fflate";
import Papa from "papaparse";
import { buildMeasure } from "../../src/core/buildMeasure";
import { rank as averageRanks } from "../../src/core/rank";
import { defaultSettings, type MeasureSettings, settingsToBuild } from "../../src/core/settings";
import { specColumns, validateSpec } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { readUserCsv, type UserData } from "../../src/cli/userData";
import { readSecondCsv } from "../../src/cli/second";
import type { SecondIndex } from "../../src/workbook/plan";
import { loadBundleFromDir } from "../../src/data/node";
import { parseAddress, rangeAddress } from "../../src/workbook/a1";
import { buildWorkbook } from "../../src/workbook/pipeline";
import { buildPaneWorkbook } from "../../src/taskpane/model";
import { writePlanXlsx } from "../../src/workbook/xlsxWriter";
import type { Block, CellValue, WorkbookPlan } from "../../src/workbook/planTypes";
import {
  findLibreOffice,
  libreOfficeRequired,
  type LibreOffice,
  type LoValue,
  recalc,
} from "../../scripts/libreoffice";
import { runCli } from "../helpers/cli";
import { syntheticMeasureData } from "../helpers/synthetic";
import { subsetBundle } from "./helpers";

const lo = findLibreOffice();
const have = !("missing" in lo);
if (!have && !libreOfficeRequired())
  console.warn(`native LibreOffice tests skipped: ${(lo as { missing: string }).missing}`);

const dir = mkdtempSync(join(tmpdir(), "hln-native-"));
const csv = join(dir, "subset.csv");
const xlsx = join(dir, "hln-measure.xlsx");
const secondCsv = join(dir, "imd.csv");
let source: UserData;
/** The subset's IMD 2025 rank as a --second file (issue 17: the Dual sheet in native mode). */
let second: SecondIndex;

/** The subset of the bundle as a --data CSV (full precision, blanks for missing values). */
function writeSubsetCsv(): void {
  const b = subsetBundle(loadBundleFromDir(), 2000, 21);
  const cols = specColumns(hlnSpec);
  const g = b.geography;
  const fmt = (x: number) => (Number.isFinite(x) ? String(x) : "");
  const rows: string[][] = [["area_code", "area_name", "group_code", "group_name", "population", ...cols]];
  for (let i = 0; i < b.n; i++)
    rows.push([
      g.lsoa21Code[i],
      g.lsoa21Name[i],
      g.ladCode[i],
      g.ladName[i],
      fmt(b.columns.pop_total[i]),
      ...cols.map((c) => fmt(b.columns[c][i])),
    ]);
  writeFileSync(csv, Papa.unparse(rows));
  writeFileSync(
    secondCsv,
    Papa.unparse([["area_code", "imd_rank"], ...g.lsoa21Code.map((c, i) => [c, String(b.columns.imd_rank[i])])]),
  );
}

/** A1 range (no sheet) of a block's cells. */
function blockRange(b: Block): string {
  const { row, col } = parseAddress(b.address);
  return rangeAddress(row - 1, col, b.rows ?? 1, b.cols ?? 1);
}

/** The column-major values of the block placed for an index key. */
function keyValues(plan: WorkbookPlan, key: string): Float64Array | undefined {
  const e = plan.index.require(key);
  const at = e.range.split(":")[0];
  const v = plan.sheets.find((s) => s.name === e.sheet)?.blocks.find((x) => x.address === at)?.columnValues?.[0];
  return v instanceof Float64Array ? v : undefined;
}

/** Every formula block of a plan (a native plan has no HLN.* call: checked here). */
function formulaBlocks(plan: WorkbookPlan): { sheet: string; block: Block }[] {
  const out: { sheet: string; block: Block }[] = [];
  for (const s of plan.sheets)
    for (const b of s.blocks)
      if (b.formula) {
        if (/\bHLN\.[A-Z]/.test(b.formula) || b.cellFormulas?.some((f) => /\bHLN\.[A-Z]/.test(f)))
          throw new Error(`${s.name}!${b.address}: an HLN.* call in a native plan`);
        out.push({ sheet: s.name, block: b });
      }
  return out;
}

/**
 * Rows whose value in a ranked column differs from another row's only by rounding (0 < |Δ| ≤ 1e-12):
 * a spreadsheet's sums round them to the same number (LibreOffice's MMULT gives exactly 0 where the
 * core's sequential sum leaves ±1.7e-16), so they tie there and not in the core.
 */
function roundingTies(plan: WorkbookPlan): Set<number> {
  const tied = new Set<number>();
  const keys = plan.index.keys().filter((k) => /:(directed|sum)$/.test(k));
  for (const key of keys) {
    const v = keyValues(plan, key);
    if (!v) continue;
    const order = Array.from(v.keys())
      .filter((i) => Number.isFinite(v[i]))
      .sort((a, c) => v[a] - v[c]);
    for (let k = 1; k < order.length; k++) {
      const a = v[order[k - 1]];
      const c = v[order[k]];
      if (a !== c && Math.abs(c - a) <= 1e-12 * Math.max(1, Math.abs(c))) tied.add(order[k - 1]).add(order[k]);
    }
  }
  return tied;
}

function isMissing(x: LoValue): boolean {
  return x === "" || (typeof x === "string" && x.startsWith("#ERR"));
}

/** Compares LibreOffice's values of every native block with the plan's (the core's) values. */
function compare(
  plan: WorkbookPlan,
  values: LoValue[][][],
  tied: Set<number>,
): { checked: number; tiedRows: number; bad: string[] } {
  const bad: string[] = [];
  let checked = 0;
  const tiedRows = new Set<number>();
  const all = formulaBlocks(plan);
  all.forEach(({ sheet, block }, k) => {
    const want = block.cached!;
    const got = values[k];
    const perArea = (block.rows ?? 1) === plan.areas && parseAddress(block.address).row === 3;
    for (let i = 0; i < want.length; i++)
      for (let j = 0; j < want[i].length; j++) {
        checked++;
        const w: CellValue = want[i][j];
        const g = got[i]?.[j];
        let ok: boolean;
        if (w === null || w === "") ok = g === undefined || isMissing(g);
        else if (typeof w === "number")
          ok = typeof g === "number" && Math.abs(g - w) <= 1e-9 * Math.max(1, Math.abs(w));
        else if (typeof w === "boolean")
          ok = (g as unknown) === w || g === (w ? 1 : 0); // LibreOffice reads TRUE as 1
        else ok = g === w;
        if (ok) continue;
        if (perArea && tied.has(i)) {
          tiedRows.add(i);
          continue;
        }
        if (bad.length < 12)
          bad.push(
            `${sheet}!${block.address} +${i}: expected ${JSON.stringify(w)}, got ${JSON.stringify(g)} (${block.formula!.slice(0, 90)})`,
          );
        else bad.push("");
      }
  });
  return { checked, tiedRows: tiedRows.size, bad };
}

function nativePlan(settings: MeasureSettings, auditColumns = true): WorkbookPlan {
  return buildWorkbook(hlnSpec, source, settings, {
    formulas: "native",
    auditColumns,
    builtAt: "2026-01-01T00:00:00Z",
    version: "test",
    dual: { second },
  }).plan;
}

/** Index key → [sheet, A1 cell] of an input cell of the Weights sheet. */
function inputCell(plan: WorkbookPlan, key: string): [string, string] {
  const e = plan.index.require(key);
  return [e.sheet, e.range];
}

const run = have || libreOfficeRequired() ? test : test.skip;
let cli: { code: number; err: string } = { code: -1, err: "not run" };

beforeAll(async () => {
  if (!have) return;
  writeSubsetCsv();
  cli = await runCli([
    "build",
    "--data",
    csv,
    "--second",
    secondCsv,
    "--second-direction",
    "rank",
    "--formulas",
    "native",
    "--format",
    "xlsx",
    "--out",
    dir,
    "--quiet",
  ]);
  source = await readUserCsv(csv, hlnSpec);
  second = readSecondCsv(secondCsv, source.areaCodes, { direction: "rank" }).second;
});

run("the compact native xlsx (--audit-columns off) recalculates in LibreOffice to buildMeasure's values", async () => {
  if (!have) throw new Error(`LibreOffice is required under CI: ${(lo as { missing: string }).missing}`);
  const out = join(dir, "compact");
  const r = await runCli([
    "build",
    "--data",
    csv,
    "--second",
    secondCsv,
    "--second-direction",
    "rank",
    "--audit-columns",
    "off",
    "--format",
    "xlsx",
    "--out",
    out,
    "--quiet",
  ]);
  expect(r.code).toBe(0);
  const plan = nativePlan(defaultSettings(hlnSpec), false);
  const full = nativePlan(defaultSettings(hlnSpec));
  // fewer columns: no step-6 rank columns, no per-area M, t², w, m*
  expect(plan.index.keys("indicator:").length).toBeLessThan(full.index.keys("indicator:").length);
  expect(plan.index.has(`indicator:${hlnSpec.dimensions[0].id}:rank`)).toBe(false);
  const reads = formulaBlocks(plan).map(({ sheet, block }) => [sheet, blockRange(block)] as [string, string]);
  const res = recalc(lo as LibreOffice, join(out, "hln-measure.xlsx"), [{ read: reads }]);
  const c = compare(plan, res.phases[0].values, roundingTies(plan));
  console.log(`compact: ${c.checked} cells compared; ${c.tiedRows} rows differ only through rounding ties`);
  expect(c.bad.filter(Boolean)).toEqual([]);
  expect(c.bad).toHaveLength(0);
  expect(c.checked).toBeGreaterThan(2000 * 60);
});

run(
  "the pane's native build of the bundle (district and ward tables by sorted blocks) recalculates to the core's values",
  async () => {
    if (!have) throw new Error(`LibreOffice is required under CI: ${(lo as { missing: string }).missing}`);
    const b = subsetBundle(loadBundleFromDir(), 900, 6);
    expect(b.geography.ward24Code).toBeDefined();
    // seven areas of one district without a population: its "left out" cell names five and counts the rest
    const lad = b.geography.ladCode[0];
    const pop = Float64Array.from(b.columns.pop_total);
    let gone = 0;
    for (let i = 0; i < b.n && gone < 7; i++) if (b.geography.ladCode[i] === lad) ((pop[i] = NaN), gone++);
    b.columns.pop_total = pop;
    const { plan } = buildPaneWorkbook(hlnSpec, b, defaultSettings(hlnSpec), {
      formulas: { formulas: "native", auditColumns: true },
    });
    // the Dual sheet's ward table and the district tables are sums over sorted blocks, not SUMIFS arrays
    const dual = plan.sheets.find((s) => s.role === "dual")!;
    expect(plan.index.has("dual:wards")).toBe(true);
    expect(dual.blocks.some((x) => x.cellFormulas?.[0].includes("SUM(INDEX("))).toBe(true);
    const groupArrays = formulaBlocks(plan).filter(
      (x) =>
        /^HLN (Districts|Dual)$/.test(x.sheet) && (x.block.rows ?? 1) > 1 && /SUMIFS|COUNTIFS/.test(x.block.formula!),
    );
    expect(groupArrays.map((x) => `${x.sheet}!${x.block.address}`)).toEqual([]);
    const file = join(dir, "pane-native.xlsx");
    await writePlanXlsx(plan, file);
    const reads = formulaBlocks(plan).map(({ sheet, block }) => [sheet, blockRange(block)] as [string, string]);
    const res = recalc(lo as LibreOffice, file, [{ read: reads }]);
    const la = plan.sheets.find((s) => s.role === "la")!;
    const leftOut = la.blocks.find((x) => x.cellArray)!;
    expect(
      leftOut.cached!.some(([v]) => typeof v === "string" && /; and \d+ more rows \(\d+ left out\)$/.test(v)),
    ).toBe(true);
    const c = compare(plan, res.phases[0].values, roundingTies(plan));
    console.log(`pane native: ${c.checked} cells compared; ${c.tiedRows} rows differ only through rounding ties`);
    expect(c.bad.filter(Boolean)).toEqual([]);
    expect(c.checked).toBeGreaterThan(900 * 100);
  },
);

run(
  "a custom spec with a shrunk value indicator (standard errors), a one-area district, blank group codes and missing values recalculates to the core's values",
  async () => {
    if (!have) throw new Error(`LibreOffice is required under CI: ${(lo as { missing: string }).missing}`);
    const raw = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "spec-3dim.json"), "utf8"));
    const income = raw.dimensions[0].subdimensions[0].indicators.find((i: { id: string }) => i.id === "income");
    Object.assign(income, { shrink: true, se: "median_income_se" });
    const spec = validateSpec(raw);
    const data = syntheticMeasureData(spec, 1200, 8, 3);
    data.groupCodes[1199] = "D9999"; // a district of one area: k = 1, w = 1
    for (const i of [3, 50, 51, 400, 777, 901, 1100]) data.groupCodes[i] = ""; // the "(no group)" row
    const col = (id: string) => data.columns[id] as Float64Array;
    for (let i = 0; i < 1200; i += 97) col("median_income")[i] = NaN;
    for (let i = 5; i < 1200; i += 131) col("median_income_se")[i] = NaN;
    const { plan, result } = buildWorkbook(spec, data, defaultSettings(spec), { formulas: "native", dual: null });
    expect(result.indicators.find((r) => r.id === "income")!.shrinkage).toBeDefined();
    // the summary's "(no group)" row, as in add-in mode (its cells are among those compared below)
    const la = plan.sheets.find((s) => s.role === "la")!;
    const at = la.blocks.findIndex((b) => b.values?.[0]?.[0] === "(no group)");
    expect(at).toBeGreaterThan(0);
    expect(la.blocks.slice(at).find((b) => b.cellArray)?.cached?.[0]?.[0]).toMatch(
      /^row 4: no group; row 51: no group; .*; and 2 more rows \(7 left out\)$/,
    );
    const file = join(dir, "custom-native.xlsx");
    await writePlanXlsx(plan, file);
    const reads = formulaBlocks(plan).map(({ sheet, block }) => [sheet, blockRange(block)] as [string, string]);
    const res = recalc(lo as LibreOffice, file, [{ read: reads }]);
    const c = compare(plan, res.phases[0].values, roundingTies(plan));
    console.log(`custom native: ${c.checked} cells compared; ${c.tiedRows} rows differ only through rounding ties`);
    expect(c.bad.filter(Boolean)).toEqual([]);
    expect(c.checked).toBeGreaterThan(1200 * 20);
  },
);

run(
  "the CLI's native xlsx recalculates in LibreOffice to buildMeasure's values, before and after editing Weights",
  () => {
    if (!have) throw new Error(`LibreOffice is required under CI: ${(lo as { missing: string }).missing}`);
    expect(cli.err).toBe("");
    expect(cli.code).toBe(0);
    expect(source.areaCodes.length).toBeGreaterThanOrEqual(2000);

    // the expected values: the plan of buildMeasure's result for each setting
    const base = defaultSettings(hlnSpec);
    const plan0 = nativePlan(base);
    expect(plan0.sheets.map((s) => s.name)).toContain("HLN Dual");
    // the plan's cached values are buildMeasure's own columns
    const result = buildMeasure(settingsToBuild(hlnSpec, base).spec, source, settingsToBuild(hlnSpec, base).options);
    const cachedOf = (key: string) => Array.from(keyValues(plan0, key)!);
    expect(cachedOf("overall:score")).toEqual(Array.from(result.score));
    expect(cachedOf("overall:rank")).toEqual(Array.from(result.rank));
    expect(cachedOf("overall:hotspot")).toEqual(Array.from(result.hotspot));
    const ind0 = result.indicators[0];
    expect(cachedOf(`indicator:${ind0.id}:shrunk`)).toEqual(Array.from(ind0.shrunk));
    expect(cachedOf(`indicator:${ind0.id}:rank`)).toEqual(Array.from(averageRanks(ind0.directed)));

    // edit 1: a dimension weight, an indicator weight and a polarity; edit 2: also the constant and the exclusion switch
    const dim = hlnSpec.dimensions[0].id;
    const ind = result.indicators[2];
    const s1: MeasureSettings = {
      ...base,
      weights: { ...base.weights, [dim]: base.weights[dim] * 2, [ind.id]: 0.05 },
      polarity: { ...base.polarity, [ind.id]: -(base.polarity[ind.id] ?? ind.spec.polarity) as 1 | -1 },
    };
    const s2: MeasureSettings = { ...s1, constant: 30, applyExclusions: false };
    const plan1 = nativePlan(s1);
    const plan2 = nativePlan(s2);
    // the same layout: the edited workbook is compared cell for cell
    for (const p of [plan1, plan2])
      expect(formulaBlocks(p).map((x) => `${x.sheet}!${x.block.address}=${x.block.formula}`)).toEqual(
        formulaBlocks(plan0).map((x) => `${x.sheet}!${x.block.address}=${x.block.formula}`),
      );

    // a spill whose size follows the settings (the Dual sheet's FILTER list) is read at its largest
    const rowsAt = (p: WorkbookPlan) => formulaBlocks(p).map((x) => x.block.rows ?? 1);
    const most = rowsAt(plan0).map((r, k) => Math.max(r, rowsAt(plan1)[k], rowsAt(plan2)[k]));
    const reads = formulaBlocks(plan0).map(
      ({ sheet, block }, k) => [sheet, blockRange({ ...block, rows: most[k] })] as [string, string],
    );
    const cell = (key: string) => inputCell(plan0, key);
    const t0 = performance.now();
    const res = recalc(lo as LibreOffice, xlsx, [
      { read: reads },
      {
        set: [
          [...cell(`weight:${dim}`), s1.weights[dim]],
          [...cell(`weight:${ind.id}`), 0.05],
          [...cell(`polarity:${ind.id}`), s1.polarity[ind.id]],
        ],
        read: reads,
      },
      {
        set: [
          [...cell("option:constant"), 30],
          [...cell("option:applyExclusions"), 0],
        ],
        read: reads,
      },
    ]);
    console.log(
      `LibreOffice ${(lo as LibreOffice).version}: load ${res.loadMs.toFixed(0)} ms, recalculation ${res.phases.map((p) => p.calcMs.toFixed(0)).join(" / ")} ms, whole run ${(performance.now() - t0).toFixed(0)} ms`,
    );
    [plan0, plan1, plan2].forEach((p, k) => {
      const c = compare(p, res.phases[k].values, roundingTies(p));
      console.log(`phase ${k}: ${c.checked} cells compared; ${c.tiedRows} rows differ only through rounding ties`);
      expect(c.bad.filter(Boolean)).toEqual([]);
      expect(c.bad).toHaveLength(0);
      expect(c.checked).toBeGreaterThan(2000 * 100);
      expect(c.tiedRows).toBeLessThanOrEqual(p.areas / 200);
    });
  },
);

run("the stored xlsx text uses Excel's prefixes for newer functions and LET names", () => {
  if (!have) throw new Error(`LibreOffice is required under CI: ${(lo as { missing: string }).missing}`);
  const files = unzipSync(readFileSync(xlsx));
  const sheets = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  const formulas: string[] = [];
  for (const f of sheets) for (const m of strFromU8(files[f]).matchAll(/<f[^>]*>([^<]*)<\/f>/g)) formulas.push(m[1]);
  const all = formulas.join("\n");
  expect(all).toContain("_xlfn.LET(_xlpm.val,");
  expect(all).toContain("_xlfn._xlws.SORT(_xlpm.nums");
  expect(all).toContain("_xlfn._xlws.FILTER(");
  expect(all).toContain("_xlfn.NORM.S.INV(");
  // no newer function and no LET name without its prefix
  expect(all).not.toMatch(/(^|[^.\w])(LET|SORT|FILTER|XMATCH|NORM\.S\.INV)\(/m);
  expect(all).not.toMatch(/(^|[^.\w])(val|nums|cnt)[,)*+\-/]/m);
});
