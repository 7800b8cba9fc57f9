/**
 * The Scenarios sheet codec (issue 18): the only code that knows the HLN Scenarios layout.
 * `planScenarios` lays out saved scenarios side by side, `readScenarios` reads them back (every cell
 * it cannot use named: sheet!cell, value, why), `scenarioColumn` gives the cells that add one more.
 *
 * Layout: A1 title, A2 note; row 4 the header "Setting" | "Meaning" | one scenario name per column
 * from C; from row 5 one row per setting, found by the key in column A (so rows may be sorted): the
 * Weights sheet's option ids (Constant, Scaling, OverallScaling, Offset, Missing, ApplyExclusions,
 * IncludeSynthetic: 1 or 0), then `weight:<id>` for every dimension, sub-dimension and indicator and
 * `polarity:<id>` for every indicator. A blank cell is the spec's value (as in a scenario file).
 * Column C is the spec's own settings. The sheet holds the user's scenarios: a rebuild leaves it as
 * it is (SheetPlan.keep); it is written only when missing.
 */
import { HlnError } from "../core/errors";
import { parseScenario, type Scenario, scenarioJson, scenarioKey } from "../core/scenario";
import { copySettings, type MeasureSettings } from "../core/settings";
import { listIndicators, type MeasureSpec } from "../core/spec";
import { addr, cellAddress, quoteSheet, rangeAddress } from "./a1";
import type { Block, CellValue, SheetPlan } from "./planTypes";
import { OPTION_IDS } from "./weightsCodec";

export const SCENARIOS_TITLE = "HLN scenarios — saved settings, one column each";
export const SCENARIOS_NOTE =
  'One column per scenario (a blank cell is the spec\'s value): save the current Weights from the task pane (Scenarios: Save scenario) or with hln build --scenario file.json; compare with one in the pane (Compare with) or with hln build --baseline "<name>". Rebuilds leave this sheet as it is.';
const HEADER_ROW = 4; // 1-based
const FIRST_COL = 2; // column C
const HEAD = ["Setting", "Meaning"];

/** One setting row: its key in column A, what it means, and where it sits in a scenario's JSON. */
interface SettingRow {
  key: string;
  meaning: string;
  /** Path in the scenario JSON's `settings` (parseScenario's error paths): "constant", "weights.crime". */
  path: string;
  get(s: MeasureSettings): CellValue;
}

/** The setting rows of a spec, in sheet order. */
export function settingRows(spec: MeasureSpec): SettingRow[] {
  const rows: SettingRow[] = OPTION_IDS.map(({ key, id }) => ({
    key: id,
    meaning: `Weights sheet option ${id}`,
    path: key,
    get: (s) => (key === "applyExclusions" || key === "includeSynthetic" ? (s[key] ? 1 : 0) : s[key]),
  }));
  const weight = (id: string, what: string) =>
    rows.push({ key: `weight:${id}`, meaning: what, path: `weights.${id}`, get: (s) => s.weights[id] });
  for (const d of spec.dimensions) weight(d.id, `Dimension weight: ${d.label}`);
  for (const d of spec.dimensions)
    for (const sd of d.subdimensions ?? []) weight(sd.id, `Sub-dimension weight: ${sd.label}`);
  const indicators = listIndicators(spec).map((x) => x.indicator);
  for (const i of indicators) weight(i.id, `Indicator weight: ${i.label}`);
  for (const i of indicators)
    rows.push({
      key: `polarity:${i.id}`,
      meaning: `Polarity (1 or -1): ${i.label}`,
      path: `polarity.${i.id}`,
      get: (s) => s.polarity[i.id],
    });
  return rows;
}

/** The HLN Scenarios sheet with these scenarios (the first is usually the spec's own settings). */
export function planScenarios(name: string, spec: MeasureSpec, scenarios: readonly Scenario[]): SheetPlan {
  const rows = settingRows(spec);
  const blocks: Block[] = [
    { address: "A1", values: [[SCENARIOS_TITLE]], style: "title" },
    { address: "A2", values: [[SCENARIOS_NOTE]], style: "note" },
    { address: addr(HEADER_ROW, 0), values: [[...HEAD, ...scenarios.map((s) => s.name)]], style: "header" },
    { address: addr(HEADER_ROW + 1, 0), values: rows.map((r) => [r.key, r.meaning]), style: "plain" },
  ];
  if (scenarios.length > 0)
    blocks.push({
      address: addr(HEADER_ROW + 1, FIRST_COL),
      values: rows.map((r) => scenarios.map((s) => r.get(s.settings))),
      style: "input",
    });
  return {
    name,
    role: "scenarios",
    blocks,
    columnWidths: [30, 52, ...scenarios.map(() => 16)],
    freeze: { rows: HEADER_ROW, cols: 2 },
    tabColor: "70AD47",
    keep: true,
  };
}

export interface ScenarioProblem {
  /** Sheet-qualified cell, e.g. 'HLN Scenarios'!D12. */
  cell: string;
  value: unknown;
  why: string;
}

export interface ReadScenarios {
  /** The scenarios that could be read, in column order. */
  scenarios: Scenario[];
  /** Every cell that could not be used; a scenario with a problem is left out of `scenarios`. */
  problems: ScenarioProblem[];
}

const blank = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** Finds the header row ("Setting" in column A); -1 when there is none. */
function headerRow(grid: readonly (readonly unknown[])[]): number {
  return grid.findIndex((row) => String(row[0] ?? "").trim() === HEAD[0]);
}

/** Reads the scenarios of a Scenarios sheet's cells from A1 (Range.values), checked against the spec. */
export function readScenarios(grid: readonly (readonly unknown[])[], spec: MeasureSpec, sheet: string): ReadScenarios {
  const at = (r: number, c: number) => `${quoteSheet(sheet)}!${cellAddress(r, c)}`;
  const h = headerRow(grid);
  if (h < 0)
    return {
      scenarios: [],
      problems: [
        {
          cell: at(HEADER_ROW - 1, 0),
          value: grid[HEADER_ROW - 1]?.[0] ?? "",
          why: `no header row ("${HEAD[0]}" in column A)`,
        },
      ],
    };
  const rowOf = new Map(settingRows(spec).map((r) => [r.key, r] as const));
  const problems: ScenarioProblem[] = [];
  const where = new Map<string, number>(); // JSON path → grid row
  for (let r = h + 1; r < grid.length; r++) {
    const key = grid[r][0];
    if (blank(key)) continue;
    const row = rowOf.get(String(key).trim());
    if (!row) problems.push({ cell: at(r, 0), value: key, why: "not a setting of this measure; the row is ignored" });
    else if (where.has(row.path))
      problems.push({ cell: at(r, 0), value: key, why: "a second row for this setting; the row is ignored" });
    else where.set(row.path, r);
  }
  const scenarios: Scenario[] = [];
  const seen = new Set<string>();
  const header = grid[h];
  for (let c = FIRST_COL; c < header.length; c++) {
    const name = header[c];
    if (blank(name)) continue;
    const label = String(name).trim();
    if (seen.has(scenarioKey(label))) {
      problems.push({ cell: at(h, c), value: name, why: "a second scenario of this name; the column is ignored" });
      continue;
    }
    seen.add(scenarioKey(label));
    const read = readColumn(grid, c, where, label, spec);
    if ("scenario" in read) scenarios.push(read.scenario);
    else
      problems.push({
        cell: at(read.row, c),
        value: grid[read.row]?.[c] ?? "",
        why: `scenario "${label}": ${read.why}`,
      });
  }
  return { scenarios, problems };
}

/** One column as scenario JSON, checked by parseScenario (one check of the format, shared with the files). */
function readColumn(
  grid: readonly (readonly unknown[])[],
  c: number,
  where: Map<string, number>,
  name: string,
  spec: MeasureSpec,
): { scenario: Scenario } | { row: number; why: string } {
  const settings: Record<string, unknown> = {};
  for (const [path, r] of where) {
    let v = grid[r][c];
    if (blank(v)) continue;
    const [k, id] = path.split(".");
    if (k === "applyExclusions" || k === "includeSynthetic")
      v = v === 1 || v === true ? true : v === 0 || v === false ? false : v;
    if (id === undefined) settings[k] = v;
    else ((settings[k] ??= {}) as Record<string, unknown>)[id] = v;
  }
  try {
    return { scenario: parseScenario({ name, settings }, spec) };
  } catch (e) {
    if (!(e instanceof HlnError)) throw e;
    const path = (e.path ?? "").replace(/^settings\./, "");
    const row = where.get(path) ?? where.get(path.split(".")[0]) ?? HEADER_ROW - 1;
    const why = e.message.replace(`${e.path}: `, "").replace("must be true or false", "must be 1 or 0");
    return { row, why };
  }
}

/**
 * The cells that add `scenario` as the next column of an existing Scenarios sheet (its cells from
 * A1): the name in the header row and each setting in the row of its key. A setting with no row
 * gets one at the end. Throws HlnError("SCENARIO_NAME") for a blank name or one already used.
 */
export function scenarioColumn(
  grid: readonly (readonly unknown[])[],
  spec: MeasureSpec,
  scenario: Scenario,
): { address: string; values: CellValue[][] }[] {
  const name = scenario.name.trim();
  if (name === "") throw new HlnError("SCENARIO_NAME", "give the scenario a name", "name");
  if (name.length > 255) throw new HlnError("SCENARIO_NAME", "at most 255 characters", "name");
  const h = headerRow(grid);
  const header = h >= 0 ? grid[h] : [];
  if (header.slice(FIRST_COL).some((x) => !blank(x) && scenarioKey(String(x)) === scenarioKey(name)))
    throw new HlnError("SCENARIO_NAME", `a scenario "${name}" is saved already: choose another name`, "name");
  let last = FIRST_COL - 1;
  for (const row of grid) for (let c = row.length - 1; c > last; c--) if (!blank(row[c])) last = c;
  const col = last + 1;
  const hr = h >= 0 ? h : HEADER_ROW - 1;
  const out: { address: string; values: CellValue[][] }[] = [];
  if (h < 0) out.push({ address: rangeAddress(hr, 0, 1, 2), values: [[...HEAD]] });
  out.push({ address: cellAddress(hr, col), values: [[name]] });
  const s = copySettings(scenario.settings);
  let end = Math.max(grid.length, hr + 1);
  const rowOf = new Map<string, number>();
  for (let r = hr + 1; r < grid.length; r++) if (!blank(grid[r][0])) rowOf.set(String(grid[r][0]).trim(), r);
  for (const row of settingRows(spec)) {
    const r = rowOf.get(row.key);
    if (r !== undefined) out.push({ address: cellAddress(r, col), values: [[row.get(s)]] });
    else {
      out.push({ address: rangeAddress(end, 0, 1, 2), values: [[row.key, row.meaning]] });
      out.push({ address: cellAddress(end, col), values: [[row.get(s)]] });
      end++;
    }
  }
  return out;
}

/** A scenario file's JSON for every scenario of the sheet (the CLI's `hln scenarios`). */
export const scenarioFiles = (scenarios: readonly Scenario[]) => scenarios.map((s) => scenarioJson(s.name, s.settings));
