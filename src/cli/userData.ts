/**
 * A user's own wide CSV as the core's MeasureData: one row per area with an area code, a group
 * (district) code and every data column the spec names. Blank cells are missing. See docs/cli.md.
 */
import { readFileSync } from "fs";
import { basename } from "path";
import Papa from "papaparse";
import type { MeasureData } from "../core/buildMeasure";
import { MeasureSpec, specColumns } from "../core/spec";
import { CliError } from "./errors";

export const AREA_ALIASES = ["area_code", "area", "code", "lsoa21cd", "lsoa21_code"];
export const GROUP_ALIASES = ["group_code", "group", "lad_code", "lad24cd", "lad"];
export const NAME_ALIASES = ["area_name", "name", "lsoa21nm", "lsoa21_name"];
export const GROUP_NAME_ALIASES = ["group_name", "lad_name", "lad24nm"];
export const POPULATION_ALIASES = ["population", "pop_total"];

export interface UserData extends MeasureData {
  names?: string[];
  groupNames?: string[];
  file: string;
}

/** Reads and checks the CSV; throws CliError("FILE row R, column C: …"). */
export function readUserCsv(path: string, spec: MeasureSpec): UserData {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: "greedy" });
  const rows = parsed.data;
  if (rows.length < 2) throw new CliError(`${file}: needs a header row and at least one data row`);
  const header = rows[0].map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  const find = (aliases: string[]) => {
    for (const a of aliases) {
      const j = lower.indexOf(a);
      if (j >= 0) return j;
    }
    return -1;
  };
  const seenHeader = new Map<string, number>();
  header.forEach((h, j) => {
    if (seenHeader.has(h)) throw new CliError(`${file} row 1, column ${j + 1}: duplicate column name "${h}"`);
    seenHeader.set(h, j);
  });
  const areaCol = find(AREA_ALIASES);
  if (areaCol < 0)
    throw new CliError(`${file} row 1: missing the area code column (one of ${AREA_ALIASES.join(", ")})`);
  const groupCol = find(GROUP_ALIASES);
  if (groupCol < 0)
    throw new CliError(`${file} row 1: missing the group (district) code column (one of ${GROUP_ALIASES.join(", ")})`);
  const nameCol = find(NAME_ALIASES);
  const groupNameCol = find(GROUP_NAME_ALIASES);
  const popCol = find(POPULATION_ALIASES);
  const needed = specColumns(spec);
  const colIndex: Record<string, number> = {};
  for (const id of needed) {
    const j = header.indexOf(id);
    if (j < 0) throw new CliError(`${file} row 1: missing column "${id}" (the spec reads it)`);
    colIndex[id] = j;
  }
  const n = rows.length - 1;
  const areaCodes: string[] = new Array(n);
  const groupCodes: string[] = new Array(n);
  const names: string[] | undefined = nameCol >= 0 ? new Array(n) : undefined;
  const groupNames: string[] | undefined = groupNameCol >= 0 ? new Array(n) : undefined;
  const columns: Record<string, Float64Array> = {};
  for (const id of needed) columns[id] = new Float64Array(n);
  const population = popCol >= 0 ? new Float64Array(n) : undefined;
  const firstRow = new Map<string, number>();
  const number = (raw: string | undefined, row: number, j: number): number => {
    const s = (raw ?? "").trim();
    if (s === "" || s === "NA" || s === "N/A") return NaN;
    const x = Number(s.replace(/,/g, ""));
    if (!Number.isFinite(x)) throw new CliError(`${file} row ${row}, column ${header[j]}: "${s}" is not a number`);
    return x;
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i + 1];
    const row = i + 2;
    if (r.length !== header.length) {
      throw new CliError(`${file} row ${row}: has ${r.length} fields, the header has ${header.length}`);
    }
    const code = (r[areaCol] ?? "").trim();
    if (!code) throw new CliError(`${file} row ${row}, column ${header[areaCol]}: blank area code`);
    const prev = firstRow.get(code);
    if (prev !== undefined)
      throw new CliError(
        `${file} row ${row}, column ${header[areaCol]}: duplicate area code ${code} (first on row ${prev})`,
      );
    firstRow.set(code, row);
    areaCodes[i] = code;
    const g = (r[groupCol] ?? "").trim();
    if (!g) throw new CliError(`${file} row ${row}, column ${header[groupCol]}: blank group code`);
    groupCodes[i] = g;
    if (names) names[i] = r[nameCol].trim();
    if (groupNames) groupNames[i] = r[groupNameCol].trim();
    for (const id of needed) columns[id][i] = number(r[colIndex[id]], row, colIndex[id]);
    if (population) population[i] = number(r[popCol], row, popCol);
  }
  return {
    areaCodes,
    groupCodes,
    columns,
    ...(population ? { population } : {}),
    ...(names ? { names } : {}),
    ...(groupNames ? { groupNames } : {}),
    file,
  };
}
