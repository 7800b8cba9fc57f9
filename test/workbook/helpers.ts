/**
 * Test helpers for the workbook plan: bundle subsets, plan → HyperFormula (through the functions'
 * harness), and cell comparisons (missing = null / "" / an error value).
 */
import type { HyperFormula } from "hyperformula";
import type { Bundle } from "../../src/data/bundle";
import { parseAddress } from "../../src/workbook/a1";
import type { Block, CellValue, WorkbookPlan } from "../../src/workbook/planTypes";
import { buildEngine, registerHln } from "../functions/hyperformula";

/** The rows of the first LADs (in bundle LAD order) until at least `minRows` rows; ≥ `minLads` LADs. */
export function subsetBundle(b: Bundle, minRows = 2000, minLads = 20): Bundle {
  const g = b.geography;
  const order: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < b.n; i++) if (!seen.has(g.ladCode[i])) seen.add(g.ladCode[i]);
  const lads = [...seen];
  const take = new Set<string>();
  const byLad = new Map<string, number[]>();
  for (let i = 0; i < b.n; i++) {
    const l = g.ladCode[i];
    if (!byLad.has(l)) byLad.set(l, []);
    byLad.get(l)!.push(i);
  }
  // include the Isles of Scilly (excluded area) so exclusion is exercised, then LADs in order
  const scilly = lads.find((l) => byLad.get(l)!.some((i) => g.excluded[i]));
  if (scilly) take.add(scilly);
  for (const l of lads) {
    if (order.length >= minRows && take.size >= minLads) break;
    take.add(l);
    order.length = 0;
    for (const t of take) order.push(...byLad.get(t)!);
  }
  order.sort((a, c) => a - c);
  const pick = <T>(xs: ArrayLike<T>): T[] => order.map((i) => xs[i]);
  const pickF = (xs: Float64Array) => Float64Array.from(order, (i) => xs[i]);
  const columns: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(b.columns)) columns[k] = pickF(v);
  const flags: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(b.flags)) flags[k] = Uint8Array.from(order, (i) => v[i]);
  return {
    meta: { ...b.meta, n: order.length },
    n: order.length,
    // every per-area geography field (codes and names of each grouping, flags), in the subset's order
    geography: Object.fromEntries(
      Object.entries(g).map(([k, v]) => [
        k,
        v instanceof Int32Array
          ? Int32Array.from(order, (i) => v[i])
          : v instanceof Uint8Array
            ? Uint8Array.from(order, (i) => v[i])
            : Array.isArray(v)
              ? pick(v)
              : v,
      ]),
    ) as unknown as Bundle["geography"],
    columns,
    flags,
  };
}

/** Puts a plan's constants and anchor formulas into HyperFormula sheets with its defined names. */
export async function planToEngine(
  plan: WorkbookPlan,
  translate: (f: string) => string = (f) => f,
): Promise<HyperFormula> {
  await registerHln();
  const sheets: Record<string, unknown[][]> = {};
  for (const s of plan.sheets) {
    const grid: unknown[][] = [];
    const put = (row: number, col: number, v: unknown) => {
      while (grid.length < row) grid.push([]);
      grid[row - 1][col] = v;
    };
    for (const b of s.blocks) {
      const { row, col } = parseAddress(b.address);
      if (b.cellFormulas) b.cellFormulas.forEach((f, i) => put(row + i, col, translate(f)));
      else if (b.formula) put(row, col, translate(b.formula));
      else b.values!.forEach((r, i) => r.forEach((v, j) => v !== null && put(row + i, col + j, v)));
    }
    const width = Math.max(0, ...grid.map((r) => r.length));
    sheets[s.name] = grid.map((r) => Array.from({ length: width }, (_, j) => (r[j] === undefined ? null : r[j])));
  }
  const hf = buildEngine(Object.fromEntries(plan.sheets.map((s) => [s.name, []])));
  hf.suspendEvaluation();
  for (const n of plan.names) hf.addNamedExpression(n.name, `=${n.ref}`);
  for (const s of plan.sheets) hf.setSheetContent(hf.getSheetId(s.name)!, sheets[s.name] as never);
  hf.resumeEvaluation();
  return hf;
}

export function isMissing(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    v === "" ||
    (typeof v === "object" && v !== null && "value" in v && String((v as { value: string }).value).startsWith("#"))
  );
}

/** Compares one value; returns a message or undefined. */
export function cellMismatch(got: unknown, want: CellValue, tol = 1e-9): string | undefined {
  if (want === null) return isMissing(got) ? undefined : `expected missing, got ${JSON.stringify(got)}`;
  if (typeof want === "number") {
    if (typeof got !== "number") return `expected ${want}, got ${JSON.stringify(got)}`;
    return Math.abs(got - want) <= tol * Math.max(1, Math.abs(want)) ? undefined : `expected ${want}, got ${got}`;
  }
  return got === want ? undefined : `expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

/** Compares every formula block's spill in the engine with expected values (default: its cached). */
export function compareFormulaBlocks(
  hf: HyperFormula,
  plan: WorkbookPlan,
  expected: (sheet: string, b: Block) => CellValue[][] | undefined = (_s, b) => b.cached,
  maxReport = 10,
): { checked: number; mismatches: string[] } {
  const mismatches: string[] = [];
  let checked = 0;
  for (const s of plan.sheets) {
    const sheet = hf.getSheetId(s.name)!;
    for (const b of s.blocks) {
      if (!b.formula) continue;
      const want = expected(s.name, b);
      if (!want) continue;
      const { row, col } = parseAddress(b.address);
      const got = hf.getRangeValues({
        start: { sheet, row: row - 1, col },
        end: { sheet, row: row - 2 + want.length, col: col + want[0].length - 1 },
      });
      for (let i = 0; i < want.length; i++) {
        for (let j = 0; j < want[i].length; j++) {
          checked++;
          const m = cellMismatch(got[i]?.[j], want[i][j]);
          if (m && mismatches.length < maxReport)
            mismatches.push(`${s.name}!${b.address} (+${i},+${j}) ${b.formula.slice(0, 80)}: ${m}`);
          else if (m) mismatches.push("");
        }
      }
    }
  }
  return { checked, mismatches };
}

/** Sets the cell a plan-index key names (a Weights input cell, "weight:gva_per_head") in HyperFormula. */
export function setIndexedCell(hf: HyperFormula, plan: WorkbookPlan, key: string, value: number | string): void {
  const { sheet, address } = plan.index.cell(key)!;
  const { row, col } = parseAddress(address.replace(/\$/g, ""));
  hf.setCellContents({ sheet: hf.getSheetId(sheet)!, row: row - 1, col }, value);
}
