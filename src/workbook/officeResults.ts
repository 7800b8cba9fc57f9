/**
 * Writes the task pane's result sheets (values only: HLN Uncertainty, HLN Sensitivity) so that a
 * cancelled or failed write leaves what was there: the new cells go into fresh sheets under
 * temporary names, and only once all of them are written are the previous result sheets deleted and
 * the new ones renamed. A sheet of the same name that is not the add-in's is never touched: the write
 * is refused before anything is added. Rows go in chunks (≤ chunkRows rows, one sync each).
 */
import { parseAddress, rangeAddress } from "./a1";
import { layoutSheet, listSheetNames, styleRange, tabColour, WorkbookWriteError } from "./officeWriter";
import { OWNER_KEY, ROLE_KEY } from "./officeState";
import type { Block, SheetPlan } from "./planTypes";

type Ctx = Excel.RequestContext;

export interface ResultWriteOptions {
  /** Rows per sync (default 5,000). */
  chunkRows?: number;
  isCancelled?: () => boolean;
  onProgress?: (rowsWritten: number, rowsTotal: number) => void;
  /** The add-in version stored as the ownership marker. */
  version?: string;
}

export interface ResultWriteReport {
  status: "complete" | "cancelled";
  sheets: string[];
  syncs: number;
}

class Cancelled extends Error {}

export async function writeResultSheets(
  context: Ctx,
  sheets: SheetPlan[],
  options: ResultWriteOptions = {},
): Promise<ResultWriteReport> {
  const chunk = options.chunkRows ?? 5_000;
  const all = await listSheetNames(context);
  const present = sheets.map((s) => s.name).filter((n) => all.includes(n));
  const probes = present.map((n) => ({
    n,
    p: context.workbook.worksheets.getItem(n).customProperties.getItemOrNullObject(OWNER_KEY).load("value"),
  }));
  await context.sync();
  let syncs = 2;
  const foreign = probes.filter((x) => x.p.isNullObject).map((x) => `"${x.n}"`);
  if (foreign.length > 0)
    throw new WorkbookWriteError(
      "SHEET_CONFLICT",
      `sheet ${foreign.join(", ")} is your own: rename it (the add-in never writes your sheets), then run again`,
    );
  const temps = sheets.map((s, k) => tempName(s.name, k, all));
  const wss = sheets.map((s, k) => {
    const ws = context.workbook.worksheets.add(temps[k]);
    ws.customProperties.add(OWNER_KEY, options.version || "1");
    ws.customProperties.add(ROLE_KEY, s.role);
    return ws;
  });
  await context.sync();
  syncs++;
  const total = sheets.reduce((t, s) => t + s.blocks.reduce((u, b) => u + (b.values?.length ?? 0), 0), 0);
  let done = 0;
  try {
    for (let k = 0; k < sheets.length; k++)
      for (const b of sheets[k].blocks)
        for (let r = 0; r < (b.values?.length ?? 0); r += chunk) {
          if (options.isCancelled?.()) throw new Cancelled();
          const n = queueChunk(wss[k], b, r, chunk);
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per chunk of rows, by design
          await context.sync();
          syncs++;
          done += n;
          options.onProgress?.(done, total);
        }
    sheets.forEach((s, k) => {
      layoutSheet(wss[k], s);
      if (s.tabColor) wss[k].tabColor = tabColour(s.tabColor);
    });
    for (const n of present) context.workbook.worksheets.getItem(n).delete();
    sheets.forEach((s, k) => (wss[k].name = s.name));
    await context.sync();
    syncs++;
  } catch (e) {
    for (const ws of wss) ws.delete();
    await context.sync().catch(() => undefined);
    if (e instanceof Cancelled) return { status: "cancelled", sheets: [], syncs };
    throw new WorkbookWriteError("WRITE_FAILED", `writing the results: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { status: "complete", sheets: sheets.map((s) => s.name), syncs };
}

/** A free temporary sheet name for the k-th sheet ("~1 HLN Uncertainty", at most 31 characters). */
function tempName(name: string, k: number, taken: readonly string[]): string {
  for (let i = 1; ; i++) {
    const t = `~${k + 1}${i > 1 ? `.${i}` : ""} ${name}`.slice(0, 31);
    if (!taken.includes(t)) return t;
  }
}

/** Queues rows r … r + chunk of a values block (and its style); returns the rows queued. */
function queueChunk(ws: Excel.Worksheet, b: Block, r: number, chunk: number): number {
  const values = b.values!.slice(r, r + chunk);
  const { row, col } = parseAddress(b.address.split(":")[0]);
  const width = values[0]?.length ?? 0;
  if (width === 0) return values.length;
  const range = ws.getRange(rangeAddress(row - 1 + r, col, values.length, width));
  range.values = values as (string | number | boolean)[][];
  styleRange(range, b.style);
  return values.length;
}
