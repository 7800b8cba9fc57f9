/**
 * Pure planning of the Office.js writes of a WorkbookPlan: which ranges go into which
 * `context.sync()`, and how big each sync's request is. No Office types, so it is testable (and
 * benchmarkable) without Excel; src/workbook/officeWriter.ts executes the schedule.
 *
 * Rules (issue 5):
 * - values first (the Weights sheet before the others), then defined names, then formulas;
 * - value blocks are cut into chunks of at most `chunkRows` rows (default 5,000), cut further so a
 *   chunk's estimated payload fits the limit;
 * - chunks are packed greedily into batches (one batch = one sync) while the batch's estimated
 *   payload stays ≤ `maxPayload` (default 4,000,000 bytes: Excel on the web rejects requests over
 *   5 MB) and, for values, its rows stay ≤ `chunkRows`; a spilling formula is one small operation
 *   at its anchor cell (Excel fills the spill), so formulas are packed by payload only; a column of
 *   per-cell formulas (native mode's running sums) is cut like values, ≤ `chunkRows` rows a chunk;
 * - the payload estimate is the UTF-8 length of the JSON of the queued values/formulas/formats plus
 *   a fixed per-operation overhead.
 */
import { parseCell, rangeAddress } from "./a1";
import type { Block, BlockStyle, CellValue, ColumnValues, WorkbookPlan } from "./planTypes";

/** Bytes per sync we allow ourselves (Excel on the web rejects a request above 5 MB). */
export const MAX_SYNC_PAYLOAD = 4_000_000;
/** Rows per chunk to start from. */
export const DEFAULT_CHUNK_ROWS = 5_000;
/** Estimated request bytes per queued operation besides its data (action ids, object paths). */
export const OP_OVERHEAD = 160;

export type WriteOp =
  | {
      kind: "values";
      sheet: string;
      /** A1 range without the sheet name, exactly `rows` × `cols`. */
      address: string;
      values: CellValue[][];
      rows: number;
      cols: number;
    }
  | { kind: "formula"; sheet: string; address: string; formula: string }
  /** A column of per-cell formulas (a block's `cellFormulas`, native mode), `rows` × 1 at `address`. */
  | { kind: "formulas"; sheet: string; address: string; formulas: string[][]; rows: number }
  | {
      kind: "format";
      sheet: string;
      address: string;
      numberFormat?: string;
      style?: BlockStyle;
    }
  | { kind: "name"; name: string; ref: string; comment?: string };

export type WritePhase = "values" | "names" | "formulas";

export interface WriteBatch {
  phase: WritePhase;
  /** Human-readable step for the progress bar, e.g. "Writing values: HLN Data". */
  step: string;
  ops: WriteOp[];
  /** Estimated request bytes of this batch's operations. */
  payload: number;
  /** Rows of constants written by this batch (value chunks; formulas count 0: Excel fills the spill). */
  rows: number;
  /** Sheets whose last operation is in this batch (complete once it has synced). */
  completes: string[];
}

export interface WriteSchedule {
  batches: WriteBatch[];
  /** Σ rows over all batches (denominator of the progress bar). */
  totalRows: number;
  /** Largest batch payload. */
  maxPayload: number;
  /** Sheet names in write order. */
  sheets: string[];
}

export interface ScheduleOptions {
  chunkRows?: number;
  maxPayload?: number;
}

// ---------------------------------------------------------------- payload estimate

/** UTF-8 byte length of a string (no allocation). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) n += c > 0x7ff && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

/** Estimated request bytes of a JSON-serialised value. */
export function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? "null");
}

/** Estimated request bytes of one operation. */
export function opPayload(op: WriteOp): number {
  switch (op.kind) {
    case "values":
      return OP_OVERHEAD + utf8Length(op.address) + jsonBytes(op.values);
    case "formula":
      return OP_OVERHEAD + utf8Length(op.address) + jsonBytes([[op.formula]]);
    case "formulas":
      return OP_OVERHEAD + utf8Length(op.address) + jsonBytes(op.formulas);
    case "format":
      return (
        OP_OVERHEAD + utf8Length(op.address) + (op.numberFormat ? jsonBytes(op.numberFormat) : 0) + (op.style ? 120 : 0)
      );
    case "name":
      return OP_OVERHEAD + jsonBytes(op.name) + jsonBytes(op.ref) + (op.comment ? jsonBytes(op.comment) : 0);
  }
}

/**
 * A value as Excel's Range.values should receive it: non-finite numbers become null (null leaves
 * the freshly cleared cell empty), and text that Excel would parse as a formula (starting with
 * "=", "+", "-" or "@" but not a number) gets a leading apostrophe so it stays text.
 */
export function sanitizeCell(v: CellValue | undefined): CellValue {
  if (v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.length > 0 && "=+-@".includes(v[0]) && !Number.isFinite(Number(v))) return `'${v}`;
  return v;
}

// ---------------------------------------------------------------- schedule

interface Chunk {
  ops: WriteOp[];
  payload: number;
  rows: number;
  sheet: string;
}

function blockSize(b: Block): { rows: number; cols: number } {
  if (b.formula === undefined && b.columnValues) {
    return {
      rows: b.columnValues.reduce((m, c) => Math.max(m, c.length), 0),
      cols: b.columnValues.length,
    };
  }
  if (b.formula === undefined && b.values) {
    let cols = 0;
    for (const r of b.values) cols = Math.max(cols, r.length);
    return { rows: b.values.length, cols };
  }
  return { rows: b.rows ?? 1, cols: b.cols ?? 1 };
}

/** Row access to a block's constants: column-major `columnValues` when present (no 2-D copy). */
export function blockRows(
  values: CellValue[][] | undefined,
  columns?: ColumnValues[],
): { rows: number; cols: number; row: (i: number) => CellValue[] } {
  if (columns && columns.length > 0) {
    const rows = columns.reduce((m, c) => Math.max(m, c.length), 0);
    return {
      rows,
      cols: columns.length,
      row: (i) => {
        const out = new Array<CellValue>(columns.length);
        for (let j = 0; j < columns.length; j++) out[j] = sanitizeCell((columns[j] as ArrayLike<CellValue>)[i]);
        return out;
      },
    };
  }
  const v = values ?? [];
  let cols = 0;
  for (const r of v) cols = Math.max(cols, r.length);
  return {
    rows: v.length,
    cols,
    row: (i) => {
      const out = new Array<CellValue>(cols);
      for (let j = 0; j < cols; j++) out[j] = sanitizeCell(v[i][j]);
      return out;
    },
  };
}

/** Cuts a values block into row chunks (≤ chunkRows rows, ≤ maxPayload bytes each). */
function valueChunks(
  sheet: string,
  address: string,
  source: { rows: number; cols: number; row: (i: number) => CellValue[] },
  chunkRows: number,
  maxPayload: number,
): Chunk[] {
  const { row, col } = parseCell(address.split(":")[0]);
  const cols = source.cols;
  if (source.rows === 0 || cols === 0) return [];
  const chunks: Chunk[] = [];
  let start = 0;
  let bytes = 0;
  let rows: CellValue[][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    const op: WriteOp = {
      kind: "values",
      sheet,
      address: rangeAddress(row + start, col, rows.length, cols),
      values: rows,
      rows: rows.length,
      cols,
    };
    chunks.push({
      ops: [op],
      payload: OP_OVERHEAD + utf8Length(op.address) + bytes + 2,
      rows: rows.length,
      sheet,
    });
    start += rows.length;
    rows = [];
    bytes = 0;
  };
  const budget = maxPayload - OP_OVERHEAD - 64;
  for (let i = 0; i < source.rows; i++) {
    const clean = source.row(i);
    const rb = jsonBytes(clean) + 1;
    if (rb > budget)
      throw new Error(`a single row of ${sheet}!${address} is ${rb} bytes, over the ${maxPayload}-byte sync limit`);
    if (rows.length >= chunkRows || bytes + rb > budget) flush();
    rows.push(clean);
    bytes += rb;
  }
  flush();
  return chunks;
}

/**
 * A column of per-cell formulas cut into chunks of ≤ `chunkRows` rows whose payload fits `maxPayload`
 * (Range.formulas of `rows` × 1 cells each).
 */
function formulaColumnChunks(
  sheet: string,
  row: number,
  col: number,
  formulas: string[],
  chunkRows: number,
  maxPayload: number,
): Chunk[] {
  const out: Chunk[] = [];
  let start = 0;
  while (start < formulas.length) {
    let end = Math.min(formulas.length, start + chunkRows);
    let op: WriteOp;
    for (;;) {
      const rows = end - start;
      op = {
        kind: "formulas",
        sheet,
        address: rangeAddress(row + start, col, rows, 1),
        formulas: formulas.slice(start, end).map((f) => [f]),
        rows,
      };
      if (opPayload(op) <= maxPayload || rows === 1) break;
      end = start + Math.max(1, Math.floor(rows / 2));
    }
    out.push({ ops: [op], payload: opPayload(op), rows: 0, sheet });
    start = end;
  }
  return out;
}

/** Orders the sheets for writing: the Weights sheet first, then the plan's order. */
function writeOrder(plan: WorkbookPlan): string[] {
  const w = plan.sheets.filter((s) => s.role === "weights").map((s) => s.name);
  return [...w, ...plan.sheets.filter((s) => s.role !== "weights").map((s) => s.name)];
}

/**
 * Schedules the writes of a plan into syncs. Pure and deterministic; every batch's `payload` is
 * ≤ `maxPayload` (it throws if a single row or formula cannot fit).
 */
export function scheduleWrites(plan: WorkbookPlan, options: ScheduleOptions = {}): WriteSchedule {
  const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS));
  const maxPayload = options.maxPayload ?? MAX_SYNC_PAYLOAD;
  const order = writeOrder(plan);
  const byName = new Map(plan.sheets.map((s) => [s.name, s]));

  const valueChunksAll: Chunk[] = [];
  const formulaChunks: Chunk[] = [];
  for (const name of order) {
    const sheet = byName.get(name)!;
    for (const b of sheet.blocks) {
      const { rows, cols } = blockSize(b);
      const anchor = b.address.split(":")[0];
      const { row, col } = parseCell(anchor);
      const fmt: WriteOp | null =
        b.numberFormat || b.style
          ? {
              kind: "format",
              sheet: name,
              address: rangeAddress(row, col, Math.max(rows, 1), Math.max(cols, 1)),
              numberFormat: b.numberFormat,
              style: b.style,
            }
          : null;
      if (b.cellFormulas) {
        const cs = formulaColumnChunks(
          name,
          row,
          col,
          b.cellFormulas,
          chunkRows,
          maxPayload - (fmt ? opPayload(fmt) : 0),
        );
        if (fmt && cs.length > 0) {
          cs[0].ops.push(fmt);
          cs[0].payload += opPayload(fmt);
        }
        formulaChunks.push(...cs);
      } else if (b.formula !== undefined) {
        const op: WriteOp = {
          kind: "formula",
          sheet: name,
          address: anchor,
          formula: b.formula,
        };
        const ops = fmt ? [op, fmt] : [op];
        formulaChunks.push({
          ops,
          payload: ops.reduce((s, o) => s + opPayload(o), 0),
          rows: 0,
          sheet: name,
        });
      } else if (b.values || b.columnValues) {
        const cs = valueChunks(
          name,
          anchor,
          blockRows(b.columnValues ? undefined : b.values, b.columnValues),
          chunkRows,
          maxPayload - (fmt ? opPayload(fmt) : 0),
        );
        if (fmt && cs.length > 0) {
          cs[0].ops.push(fmt);
          cs[0].payload += opPayload(fmt);
        }
        valueChunksAll.push(...cs);
      }
    }
  }
  const nameChunks: Chunk[] = plan.names.map((n) => {
    const op: WriteOp = {
      kind: "name",
      name: n.name,
      ref: n.ref,
      comment: n.comment,
    };
    return { ops: [op], payload: opPayload(op), rows: 0, sheet: "" };
  });

  const batches: WriteBatch[] = [];
  const pack = (phase: WritePhase, chunks: Chunk[], label: (sheets: string[]) => string) => {
    let cur: Chunk[] = [];
    let payload = 0;
    let rows = 0;
    const flush = () => {
      if (cur.length === 0) return;
      const sheets = [...new Set(cur.map((c) => c.sheet).filter((s) => s))];
      batches.push({
        phase,
        step: label(sheets),
        ops: cur.flatMap((c) => c.ops),
        payload,
        rows,
        completes: [],
      });
      cur = [];
      payload = 0;
      rows = 0;
    };
    for (const c of chunks) {
      if (c.payload > maxPayload)
        throw new Error(`an operation on ${c.sheet} needs ${c.payload} bytes, over the ${maxPayload}-byte sync limit`);
      if (cur.length > 0 && (payload + c.payload > maxPayload || (phase === "values" && rows + c.rows > chunkRows)))
        flush();
      cur.push(c);
      payload += c.payload;
      rows += c.rows;
    }
    flush();
  };
  const sheetsLabel = (sheets: string[]) =>
    sheets.length <= 2 ? sheets.join(", ") : `${sheets[0]} … ${sheets[sheets.length - 1]}`;
  pack("values", valueChunksAll, (s) => `Writing values: ${sheetsLabel(s)}`);
  pack("names", nameChunks, () => "Defining names");
  pack("formulas", formulaChunks, (s) => `Writing formulas: ${sheetsLabel(s)}`);

  // completion: a sheet is complete after the last batch that touches it
  const last = new Map<string, number>();
  batches.forEach((b, i) => {
    for (const op of b.ops) if (op.kind !== "name") last.set(op.sheet, i);
  });
  for (const name of order) {
    const i = last.get(name);
    if (i !== undefined) batches[i].completes.push(name);
  }
  // sheets without any block complete with the first batch (they only need creating)
  const empty = order.filter((n) => !last.has(n));
  if (empty.length > 0 && batches.length > 0) batches[0].completes.push(...empty);

  return {
    batches,
    totalRows: batches.reduce((s, b) => s + b.rows, 0),
    maxPayload: batches.reduce((m, b) => Math.max(m, b.payload), 0),
    sheets: order,
  };
}
