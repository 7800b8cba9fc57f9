/**
 * The build state the task pane keeps in the workbook, on the hidden sheet "HLN State" (one per set
 * of HLN sheets, so a copy " (2)" has its own): the lock of the build that is writing (owner, start,
 * last progress) and the settings saved before anything else is written — the Weights and Measure
 * sheets of this build and of the build it replaces, with the summary sheets — so a cancelled or
 * failed rebuild can be finished, or the previous build restored, exactly. Pure: the writer and
 * excel.ts move the cells.
 *
 * Layout (columns A:I, rows 1–11): labels in A, values from B. Times are epoch milliseconds (numbers,
 * so Excel never turns them into dates); saved settings are JSON cut into chunks of 30,000 characters
 * (a cell holds 32,767), each prefixed "k:" so no chunk starts like a formula. Row 11 holds the length
 * of both JSON texts and the owner: a damaged or hand-edited save does not validate.
 */
import type { CellValue } from "./planTypes";

export const STATE_VERSION = 1;
/** A lock with no progress for this long is stale: the pane offers to break it. */
export const STALE_LOCK_MS = 10 * 60 * 1000;
export const STATE_TITLE =
  "HLN build state — the add-in keeps the build lock and your saved settings here (do not edit)";
const CHUNK = 30_000;
/** Columns B… that hold JSON chunks. */
const CHUNKS = 8;
export const STATE_COLS = 1 + CHUNKS;
export const STATE_ROWS = 11;
/** Rows (0-based) of the state sheet. */
export const STATE_ROW = {
  version: 1,
  owner: 2,
  label: 3,
  started: 4,
  progress: 5,
  status: 6,
  stoppedAt: 7,
  target: 8,
  previous: 9,
  check: 10,
} as const;

/** The build writing the workbook now (or one that stopped without releasing the lock). */
export interface BuildLock {
  owner: string;
  label: string;
  started: number;
  progress: number;
}

/** The last build's outcome: "building" while it runs (or when it died without saying). */
export type BuildStatus = "building" | "complete" | "cancelled" | "failed";

/**
 * What a build is made from, besides the pane: the Weights sheet's cells, the summary sheets and
 * the Measure sheet's cells (the measure's structure).
 */
export interface SavedSettings {
  /** The Weights sheet's cells from A1 (values and formulas), as the codec reads them. */
  values: unknown[][];
  formulas: unknown[][];
  /** Area summary sheets besides the districts ("ward", "region", …). */
  summaries: string[];
  /** The Measure sheet's cells from A1, as the Measure codec reads them (absent: saved before it existed). */
  measure?: { values: unknown[][]; formulas: unknown[][] };
  /** The build's formula mode (absent: saved before the modes; the plan index then tells). */
  mode?: { formulas: "addin" | "native"; auditColumns: boolean };
}

export interface BuildState {
  lock: BuildLock | null;
  status: BuildStatus | null;
  stoppedAt: string;
  /** Settings of the last build started (what Finish the rebuild builds). */
  target: SavedSettings | null;
  /** Settings of the build that one replaced (what Restore the previous build builds). */
  previous: SavedSettings | null;
  /** Why the saved settings could not be read (a partly written save), if so. */
  problem?: string;
}

export const EMPTY_STATE: BuildState = Object.freeze({
  lock: null,
  status: null,
  stoppedAt: "",
  target: null,
  previous: null,
}) as BuildState;

/** Where a lock stands for a build with id `owner` at time `now`. */
export function lockStatus(lock: BuildLock | null, owner: string, now: number): "free" | "ours" | "active" | "stale" {
  if (!lock || !lock.owner) return "free";
  if (lock.owner === owner) return "ours";
  return now - lock.progress > STALE_LOCK_MS ? "stale" : "active";
}

/** "{json}" → ["1:{js", "2:on}", "", …] across the chunk columns. */
function chunked(json: string): CellValue[] {
  if (json.length > CHUNK * CHUNKS) throw new Error(`saved settings too large (${json.length} characters)`);
  return Array.from({ length: CHUNKS }, (_, k) => {
    const part = json.slice(k * CHUNK, (k + 1) * CHUNK);
    return part ? `${k + 1}:${part}` : "";
  });
}

function unchunked(row: unknown[] | undefined): string {
  let out = "";
  for (let k = 0; k < CHUNKS; k++) {
    const cell = row?.[1 + k];
    if (cell === "" || cell === null || cell === undefined) break;
    const text = String(cell);
    const prefix = `${k + 1}:`;
    if (!text.startsWith(prefix)) throw new Error(`chunk ${k + 1} is damaged`);
    out += text.slice(prefix.length);
  }
  return out;
}

const row = (label: string, ...values: CellValue[]): CellValue[] => {
  const r: CellValue[] = [label, ...values];
  while (r.length < STATE_COLS) r.push("");
  return r;
};

/** The lock rows (2–5) for `lock` (null: released). */
export function lockRows(lock: BuildLock | null): CellValue[][] {
  return [
    row("Lock owner", lock?.owner ?? ""),
    row("Locked by", lock?.label ?? ""),
    row("Lock taken", lock?.started ?? ""),
    row("Last progress", lock?.progress ?? ""),
  ];
}

/** The status rows (6–7). */
export function statusRows(status: BuildStatus, stoppedAt = ""): CellValue[][] {
  return [row("Last build", status), row("Stopped at", stoppedAt)];
}

/** Rows 8–9 (the saved settings); row 10 is their check (checkRow). */
export function savedRows(target: SavedSettings | null, previous: SavedSettings | null): CellValue[][] {
  return [
    row("Settings of this build", ...chunked(target ? JSON.stringify(target) : "")),
    row("Settings of the build it replaces", ...chunked(previous ? JSON.stringify(previous) : "")),
  ];
}

/** Row 10: proves rows 8–9 were written whole (lengths of both JSON texts and the owner). */
export function checkRow(target: SavedSettings | null, previous: SavedSettings | null, owner: string): CellValue[] {
  const len = (s: SavedSettings | null) => (s ? JSON.stringify(s).length : 0);
  return row("Saved settings check", `${len(target)}/${len(previous)}/${owner}`);
}

/**
 * The whole sheet for a new build (lock taken, status building, settings saved with their check),
 * written as one range so a sync that fails writes all of it or none.
 */
export function stateSheet(
  lock: BuildLock,
  target: SavedSettings | null,
  previous: SavedSettings | null,
): CellValue[][] {
  return [
    row(STATE_TITLE),
    row("Format", STATE_VERSION),
    ...lockRows(lock),
    ...statusRows("building"),
    ...savedRows(target, previous),
    checkRow(target, previous, lock.owner),
  ];
}

function parseSaved(json: string): SavedSettings | null {
  if (!json) return null;
  const v = JSON.parse(json) as SavedSettings;
  if (!Array.isArray(v.values) || !Array.isArray(v.formulas) || !Array.isArray(v.summaries))
    throw new Error("saved settings have an unknown shape");
  if (v.measure !== undefined && !(Array.isArray(v.measure.values) && Array.isArray(v.measure.formulas)))
    throw new Error("saved settings have an unknown shape");
  const m = v.mode;
  if (m !== undefined && !((m.formulas === "addin" || m.formulas === "native") && typeof m.auditColumns === "boolean"))
    throw new Error("saved settings have an unknown shape");
  return v;
}

const num = (v: unknown) => (typeof v === "number" ? v : Number(v));

/** Reads the state sheet's cells (from A1). Unreadable saved settings give `problem`, not an error. */
export function readState(values: unknown[][]): BuildState {
  const cell = (r: number) => values[r]?.[1];
  const owner = String(cell(STATE_ROW.owner) ?? "");
  const lock: BuildLock | null = owner
    ? {
        owner,
        label: String(cell(STATE_ROW.label) ?? ""),
        started: num(cell(STATE_ROW.started)) || 0,
        progress: num(cell(STATE_ROW.progress)) || 0,
      }
    : null;
  const s = String(cell(STATE_ROW.status) ?? "");
  const status = (["building", "complete", "cancelled", "failed"] as const).find((x) => x === s) ?? null;
  const out: BuildState = {
    lock,
    status,
    stoppedAt: String(cell(STATE_ROW.stoppedAt) ?? ""),
    target: null,
    previous: null,
  };
  try {
    const t = unchunked(values[STATE_ROW.target]);
    const p = unchunked(values[STATE_ROW.previous]);
    const check = String(cell(STATE_ROW.check) ?? "");
    const [lt, lp] = check.split("/").map(Number);
    if (!check || lt !== t.length || lp !== p.length) throw new Error("they were not written completely");
    out.target = parseSaved(t);
    out.previous = parseSaved(p);
  } catch (e) {
    out.problem = `the saved settings cannot be read (${e instanceof Error ? e.message : String(e)})`;
  }
  return out;
}
