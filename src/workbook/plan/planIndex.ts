/**
 * The plan index: every place the plan puts something, keyed by meaning, so nothing outside the
 * planners guesses a layout. Keys (documented in docs/workbook.md):
 *   sheet:<role>                         the sheet of a role (range empty)
 *   option:<constant|scaling|…>          an option cell on the Weights sheet
 *   weight:<id>, polarity:<id>           a weight / an indicator's polarity cell
 *   weights:<group>                      the weights of a group (dimensions, a dimension, a sub-dimension)
 *   measure:<fields|dimensions|subdimensions|indicators>, measure:row:<id>   the Measure sheet's tables and rows
 *   area:<code|name|group|groupName|utla|region|population|listed|include>   per-area columns of the Data sheet
 *   data:<column id>                     an input column of the Data sheet
 *   indicator:<id>:<numerator|proportion|shrunk|directed|normal>              per-area step columns
 *   subdimension:<id>:<sum|score>, dimension:<id>:<sum|score>                 steps 7–8
 *   overall:<sum|score|rank|decile|hotspot>, score:code                       step 9 (Score sheet)
 *   qa:<id>, summary:<grouping>, top:table, charts:<table>                    tables
 *   qa-data                              a --data build's file checks (QA sheet, column A)
 *   build:formulas:<addin|native>, build:compact   how the computed cells were written (range empty)
 *   build:data:<table|sheet>:<name>                 the workbook table the data came from (task pane; range empty)
 *   build:baseline:<name>                           the Compare sheet's baseline scenario (range empty)
 *   build:replace:<id>:<table|sheet>:<name>, build:replace-source:<id>:<text>
 *                                        an indicator replaced by the user's data, where it came from and
 *                                        the source the user named (task pane; range empty)
 * Column entries cover the data rows only (first data row to last), so `cell(key, i)` is area i's cell.
 * The index is saved in the workbook (the hidden "HLN Index" sheet, `toRows`/`fromRows`) with a
 * format version, so a rebuild finds the previous build's cells.
 */
import { parseRange, quoteSheet, rangeAddress } from "../a1";
import type { CellValue } from "../planTypes";

export const PLAN_INDEX_VERSION = 1;
export const PLAN_INDEX_TITLE = "HLN plan index";

export interface IndexEntry {
  key: string;
  sheet: string;
  /** A1 range without the sheet name and without $ (e.g. "C3:C2002"); "" for sheet entries. */
  range: string;
  /** Defined name of the range, when the plan defines one. */
  name?: string;
  /** Formula written at the range's anchor (in memory only; not saved). */
  formula?: string;
}

export class PlanIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanIndexError";
  }
}

export class PlanIndex {
  private readonly byKey = new Map<string, IndexEntry>();

  add(entry: IndexEntry): void {
    if (this.byKey.has(entry.key)) throw new PlanIndexError(`plan index: "${entry.key}" placed twice`);
    this.byKey.set(entry.key, entry);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): IndexEntry | undefined {
    return this.byKey.get(key);
  }

  /** The entry, or a PlanIndexError naming the key. */
  require(key: string): IndexEntry {
    const e = this.byKey.get(key);
    if (!e) throw new PlanIndexError(`plan index: nothing placed for "${key}"`);
    return e;
  }

  /** Absolute reference for formulas: 'HLN Data'!$C$3:$C$9. */
  ref(key: string): string {
    const e = this.require(key);
    const [a, b] = e.range.split(":");
    const abs = (x: string) => x.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
    return `${quoteSheet(e.sheet)}!${abs(a)}${b ? `:${abs(b)}` : ""}`;
  }

  /** The defined name of the key's range if it has one, else its reference. */
  nameOrRef(key: string): string {
    return this.require(key).name ?? this.ref(key);
  }

  /** Sheet and A1 address of the `offset`-th cell (0-based, down the column) of a column entry. */
  cell(key: string, offset = 0): { sheet: string; address: string } | undefined {
    const e = this.byKey.get(key);
    if (!e || !e.range) return undefined;
    const r = parseRange(e.range);
    if (offset < 0 || offset >= r.rows) return undefined;
    return { sheet: e.sheet, address: rangeAddress(r.row + offset, r.col, 1, 1) };
  }

  /** The sheet name of a role. */
  sheet(role: string): string {
    return this.require(`sheet:${role}`).sheet;
  }

  keys(prefix = ""): string[] {
    return [...this.byKey.keys()].filter((k) => k.startsWith(prefix));
  }

  entries(): IndexEntry[] {
    return [...this.byKey.values()];
  }

  /** The rows of the index sheet: title and version, then key | sheet | range | name. */
  toRows(meta: { spec: string; builtAt: string }): CellValue[][] {
    const rows: CellValue[][] = [
      [PLAN_INDEX_TITLE, PLAN_INDEX_VERSION, "", ""],
      ["spec", meta.spec, "built", meta.builtAt],
      ["key", "sheet", "range", "name"],
    ];
    for (const e of this.byKey.values()) rows.push([e.key, e.sheet, e.range, e.name ?? ""]);
    return rows;
  }

  /**
   * Reads a saved index (the index sheet's values). Throws PlanIndexError when the grid is not an
   * index or was written by another format version — the caller then offers a new copy, never a guess.
   */
  static fromRows(rows: readonly (readonly unknown[])[]): PlanIndex {
    if (rows[0]?.[0] !== PLAN_INDEX_TITLE) throw new PlanIndexError("this is not an HLN plan index");
    if (rows[0][1] !== PLAN_INDEX_VERSION)
      throw new PlanIndexError(`plan index format ${String(rows[0][1])} is not ${PLAN_INDEX_VERSION}`);
    const index = new PlanIndex();
    for (const r of rows.slice(3)) {
      const [key, sheet, range, name] = r;
      if (typeof key !== "string" || key === "" || typeof sheet !== "string") continue;
      index.add({
        key,
        sheet,
        range: typeof range === "string" ? range : "",
        ...(typeof name === "string" && name !== "" ? { name } : {}),
      });
    }
    return index;
  }
}

/**
 * The formula mode an index's build was written in (`build:formulas:<mode>`, `build:compact`); null
 * for an index without them (a build from before the modes: add-in formulas).
 */
export function formulaModeOf(index: PlanIndex): { formulas: "addin" | "native"; auditColumns: boolean } | null {
  if (index.has("build:formulas:native")) return { formulas: "native", auditColumns: !index.has("build:compact") };
  if (index.has("build:formulas:addin")) return { formulas: "addin", auditColumns: true };
  return null;
}

/** The Compare sheet's baseline an index's build compared with (`build:baseline:<name>`); null: none recorded. */
export function baselineOf(index: PlanIndex): string | null {
  const key = index.keys("build:baseline:")[0];
  return key === undefined ? null : key.slice("build:baseline:".length);
}

/** The workbook table an index's build read its data from (`build:data:<kind>:<name>`); null: the bundle or a file. */
export function dataSourceOf(index: PlanIndex): { kind: "table" | "sheet"; name: string } | null {
  const key = index.keys("build:data:")[0];
  if (!key) return null;
  const rest = key.slice("build:data:".length);
  const at = rest.indexOf(":");
  const kind = rest.slice(0, at);
  return kind === "table" || kind === "sheet" ? { kind, name: rest.slice(at + 1) } : null;
}

/** An indicator a build replaced with the user's data: the table or sheet it came from and the source named. */
export interface ReplacementRecord {
  id: string;
  ref: { kind: "table" | "sheet"; name: string };
  source: string;
}

/** The index entries recording replacements (see replacementsOf; `sheet`: the index sheet). */
export function replacementEntries(list: readonly ReplacementRecord[], sheet: string): IndexEntry[] {
  return list.flatMap((r) => [
    { key: `build:replace:${r.id}:${r.ref.kind}:${r.ref.name}`, sheet, range: "" },
    { key: `build:replace-source:${r.id}:${r.source}`, sheet, range: "" },
  ]);
}

/** The indicators an index's build replaced (`build:replace:…`, `build:replace-source:…`); [] for none. */
export function replacementsOf(index: PlanIndex): ReplacementRecord[] {
  const sources = new Map<string, string>();
  for (const k of index.keys("build:replace-source:")) {
    const rest = k.slice("build:replace-source:".length);
    const at = rest.indexOf(":");
    if (at > 0) sources.set(rest.slice(0, at), rest.slice(at + 1));
  }
  const out: ReplacementRecord[] = [];
  for (const k of index.keys("build:replace:")) {
    const [id, kind, ...name] = k.slice("build:replace:".length).split(":");
    if ((kind === "table" || kind === "sheet") && id && name.length > 0)
      out.push({ id, ref: { kind, name: name.join(":") }, source: sources.get(id) ?? "" });
  }
  return out;
}
