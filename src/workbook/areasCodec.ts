/**
 * A table of areas in a workbook (an Excel table, or a range with a header row) as the core's
 * MeasureData: one row per area with an area code, a group code, optional name, group name and
 * population, and the data columns the spec reads. Grid-based (Range.values / an xlsx sheet's
 * values from A1), so the CLI (`--data book.xlsx#Sheet`) and the task pane read tables alike.
 *
 * Problems (nothing is built): no header row, a duplicate column name, a column the spec reads
 * missing, a blank or duplicate area code, a cell that is not a number. Warnings (the build goes
 * on, and says so): a blank group code (the area is in no group, so its shrunk indicators are
 * missing: shrinkage pools an area with its group, paper Appendix B), a group with a single area
 * (not shrunk: k = 1 gives w = 1, src/core/shrink.ts), and the cells step 2 cannot use (r > n, a
 * negative count, n = 0: checkMeasureInput), each named by its cell.
 */
import type { MeasureData } from "../core/buildMeasure";
import { checkMeasureInput, type InputCheckResult } from "../core/inputChecks";
import { listedExclusions } from "../core/settings";
import { type MeasureSpec, specColumns } from "../core/spec";
import { cellAddress, quoteSheet } from "./a1";
import type { Grid, MeasureProblem } from "./measureCodec";
import { areaLabels } from "./plan/areas";

/** Header names of the area code column (any case), besides the spec's own ("LSOA21 code", "lsoa21_code"). */
export const AREA_ALIASES = ["area_code", "area", "code", "lsoa21cd", "lsoa21_code"];
export const GROUP_ALIASES = ["group_code", "group", "lad_code", "lad24cd", "lad"];
export const NAME_ALIASES = ["area_name", "name", "lsoa21nm", "lsoa21_name"];
export const GROUP_NAME_ALIASES = ["group_name", "lad_name", "lad24nm"];
export const POPULATION_ALIASES = ["population", "pop_total"];

/** Rows searched for the header row (a title or a status row may come first). */
const HEADER_ROWS = 20;
const MISSING = new Set(["", "NA", "N/A", "na", "n/a", "#N/A"]);
const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface AreasData extends MeasureData {
  names?: string[];
  groupNames?: string[];
  columns: Record<string, Float64Array>;
}

export interface ReadAreas {
  /** Only when there is no problem. */
  data?: AreasData;
  /** 0-based grid row of the header and of each area. */
  headerRow: number;
  rowOf: number[];
  problems: MeasureProblem[];
  warnings: MeasureProblem[];
  /** Step 2's checks of the data (cells left out of their indicator). */
  checks?: InputCheckResult;
}

const text = (v: unknown): string =>
  v === null || v === undefined ? "" : typeof v === "string" ? v.trim() : String(v);

/** The aliases of each role, the spec's own words first ("LSOA21 code", "lsoa21_code"). */
function aliases(spec: MeasureSpec) {
  const L = areaLabels(spec);
  const low = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()))];
  return {
    area: low([`${L.code} code`, `${L.csv}_code`, ...AREA_ALIASES]),
    group: low([`${L.group} code`, `${L.groupCsv}_code`, ...GROUP_ALIASES]),
    name: low([`${L.code} name`, `${L.csv}_name`, ...NAME_ALIASES]),
    groupName: low([`${L.group} name`, `${L.groupCsv}_name`, ...GROUP_NAME_ALIASES]),
    population: POPULATION_ALIASES,
  };
}

/** The header row: the first of the first rows with an area code and a group code column. */
export function findAreasHeader(
  grid: Grid,
  spec: MeasureSpec,
): { row: number; header: string[]; area: number; group: number } | undefined {
  const a = aliases(spec);
  for (let i = 0; i < Math.min(grid.length, HEADER_ROWS); i++) {
    const lower = (grid[i] ?? []).map((v) => text(v).toLowerCase());
    const find = (xs: string[]) => {
      for (const x of xs) {
        const j = lower.indexOf(x);
        if (j >= 0) return j;
      }
      return -1;
    };
    const area = find(a.area);
    const group = find(a.group);
    if (area >= 0 && group >= 0) return { row: i, header: (grid[i] ?? []).map(text), area, group };
  }
  return undefined;
}

/** The column names of a sheet's areas table (for the Measure codec's column check), or undefined. */
export function areasColumns(grid: Grid, spec: MeasureSpec): string[] | undefined {
  return findAreasHeader(grid, spec)?.header.filter(Boolean);
}

/**
 * Reads a sheet's areas table for `spec`; `sheet` names the cells in messages. `origin` is the
 * sheet cell of the grid's first cell (0-based; default A1): an Excel table read by its own range
 * (the task pane) is named by its cells on the sheet.
 */
export function readAreas(
  grid: Grid,
  spec: MeasureSpec,
  sheet: string,
  origin: { row: number; col: number } = { row: 0, col: 0 },
): ReadAreas {
  const problems: MeasureProblem[] = [];
  const warnings: MeasureProblem[] = [];
  const at = (i: number, j: number) => cellAddress(origin.row + i, origin.col + j);
  const cell = (i: number, j: number) => `${quoteSheet(sheet)}!${at(i, j)}`;
  const problem = (i: number, j: number, why: string) =>
    problems.push({ cell: cell(i, j), value: grid[i]?.[j] ?? null, why });
  const a = aliases(spec);
  const h = findAreasHeader(grid, spec);
  if (!h) {
    problems.push({
      cell: quoteSheet(sheet),
      value: null,
      why: `no header row with an area code column (one of ${a.area.join(", ")}) and a group code column (one of ${a.group.join(", ")}) in the first ${HEADER_ROWS} rows`,
    });
    return { headerRow: -1, rowOf: [], problems, warnings };
  }
  const { row: H, header } = h;
  const lower = header.map((x) => x.toLowerCase());
  const seen = new Map<string, number>();
  header.forEach((name, j) => {
    if (!name) return;
    if (seen.has(name)) problem(H, j, `duplicate column name "${name}" (also ${at(H, seen.get(name)!)})`);
    else seen.set(name, j);
  });
  const find = (xs: string[]) => xs.map((x) => lower.indexOf(x)).find((j) => j >= 0) ?? -1;
  const nameCol = find(a.name);
  const groupNameCol = find(a.groupName);
  const popCol = find(a.population);
  const needed = specColumns(spec);
  const dataCols = needed.map((id) => {
    const j = seen.get(id);
    if (j === undefined)
      problems.push({ cell: cell(H, 0), value: null, why: `missing column "${id}" (the measure reads it)` });
    return j ?? -1;
  });
  if (problems.length) return { headerRow: H, rowOf: [], problems, warnings };
  const areaCodes: string[] = [];
  const groupCodes: string[] = [];
  const names: string[] = [];
  const groupNames: string[] = [];
  const rowOf: number[] = [];
  const first = new Map<string, number>();
  const values: number[][] = needed.map(() => []);
  const pop: number[] = [];
  const number = (i: number, j: number): number => {
    const v = grid[i]?.[j];
    if (typeof v === "number") return Number.isFinite(v) ? v : NaN;
    const s = text(v);
    if (MISSING.has(s)) return NaN;
    if (typeof v === "string" && PLAIN.test(s)) return Number(s);
    if (s.startsWith("#")) problem(i, j, `"${s}" is an error value (a formula that failed), not a number`);
    else if (/^[+-]?\d+,\d+$/.test(s)) problem(i, j, `"${s}" is text with a decimal comma, not a number`);
    else problem(i, j, `${JSON.stringify(v)} is not a number`);
    return NaN;
  };
  for (let i = H + 1; i < grid.length; i++) {
    const r = grid[i] ?? [];
    if (r.every((v) => text(v) === "")) continue;
    const code = text(r[h.area]);
    if (!code) {
      problem(i, h.area, "blank area code");
      continue;
    }
    const prev = first.get(code);
    if (prev !== undefined) {
      problem(i, h.area, `duplicate area code ${code} (first at ${at(prev, h.area)})`);
      continue;
    }
    first.set(code, i);
    const group = text(r[h.group]);
    if (!group)
      warnings.push({
        cell: cell(i, h.group),
        value: r[h.group] ?? null,
        why: `blank group code (area ${code}): the area is in no group, so its shrunk indicators are missing (shrinkage pools an area with its group)`,
      });
    areaCodes.push(code);
    groupCodes.push(group);
    rowOf.push(i);
    if (nameCol >= 0) names.push(text(r[nameCol]));
    if (groupNameCol >= 0) groupNames.push(text(r[groupNameCol]));
    dataCols.forEach((j, k) => values[k].push(number(i, j)));
    if (popCol >= 0) pop.push(number(i, popCol));
  }
  if (areaCodes.length === 0 && problems.length === 0)
    problems.push({ cell: cell(H, 0), value: null, why: "no area rows below the header" });
  if (problems.length) return { headerRow: H, rowOf, problems, warnings };
  const columns: Record<string, Float64Array> = Object.create(null);
  needed.forEach((id, k) => (columns[id] = Float64Array.from(values[k])));
  const data: AreasData = {
    areaCodes,
    groupCodes,
    columns,
    ...(popCol >= 0 ? { population: Float64Array.from(pop) } : {}),
    ...(nameCol >= 0 ? { names } : {}),
    ...(groupNameCol >= 0 ? { groupNames } : {}),
  };
  for (const g of singleAreaGroups(groupCodes, areaCodes, listedExclusions(spec)))
    warnings.push({
      cell: cell(rowOf[g.index], h.group),
      value: g.group,
      why: `group ${g.group} has a single area (${areaCodes[g.index]}): its shrunk indicators are not shrunk (k = 1, so w = 1)`,
    });
  const checks = checkMeasureInput(spec, data);
  for (const x of checks.issues) {
    const col = x.column.split(/[+/]/)[0];
    const j = seen.get(col) ?? h.area;
    warnings.push({
      cell: cell(rowOf[x.index], j),
      value: grid[rowOf[x.index]]?.[j] ?? null,
      why: `area ${x.area}, ${x.column}: ${x.reason}; the area is left out of ${x.indicator === "population" ? "the population" : `indicator ${x.indicator}`}`,
    });
  }
  return { data, headerRow: H, rowOf, problems, warnings, checks };
}

/**
 * Groups with exactly one area (first-row index of each), blank groups and the spec's excluded areas
 * (`exclude`: area codes; the Isles of Scilly are a one-LSOA district) aside. Shrinkage cannot pool
 * such an area with others: k = 1, so w = 1 and the area keeps its own rate (src/core/shrink.ts).
 */
export function singleAreaGroups(
  groupCodes: readonly string[],
  areaCodes: readonly string[] = [],
  exclude: readonly string[] = [],
): { group: string; index: number }[] {
  const skip = new Set(exclude);
  const count = new Map<string, { n: number; index: number }>();
  groupCodes.forEach((g, i) => {
    if (!g || (skip.size > 0 && skip.has(areaCodes[i]))) return;
    const c = count.get(g);
    if (c) c.n++;
    else count.set(g, { n: 1, index: i });
  });
  return [...count].filter(([, c]) => c.n === 1).map(([group, c]) => ({ group, index: c.index }));
}
