/**
 * The HLN Uncertainty and HLN Sensitivity sheets (issue 18): the task pane's Monte Carlo and Sobol
 * results as values (the same tables as `hln sensitivity`'s CSVs, src/workbook/uncertaintyTables.ts),
 * so they read the same in either formula mode and with no add-in. Per area sorted by nominal rank
 * (areas not in the measure last); per group by its mean top-10% count; the indices as computed.
 */
import type { MeasureSpec } from "../../core/spec";
import type { SensitivityResult, UncertaintyResult } from "../../core/uncertainty";
import type { Block, CellValue, SheetPlan } from "../planTypes";
import { sensitivityTable, type Table, uncertaintyAreaTable, uncertaintyGroupTable } from "../uncertaintyTables";
import { addr } from "../a1";
import { areaLabels } from "./areas";
import { SHEET_NAMES } from "./context";

export interface UncertaintyRun {
  /** The measure analysed (with the settings' weights and options). */
  spec: MeasureSpec;
  /** Area codes and names, group names by code (row order of the measure). */
  codes: readonly string[];
  names: readonly string[];
  groupName: (code: string) => string;
  mc: UncertaintyResult;
  sens?: SensitivityResult;
  /** When it ran (ISO time), for the note. */
  ranAt: string;
}

const HEADER_ROW = 4; // 1-based (addr)
const cell = (v: string | number): CellValue => (typeof v === "number" && !Number.isFinite(v) ? "" : v);

/** A table's rows in the order given, as sheet cells. */
function rows(t: Table, order: ArrayLike<number>): CellValue[][] {
  return Array.from(order, (k) => t.row(k).map(cell));
}

/** Row indices by ascending key, NaN last (stable). */
function orderBy(n: number, key: (i: number) => number, descending = false): Int32Array {
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  return idx.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x !== x) return y !== y ? a - b : 1;
    if (y !== y) return -1;
    return (descending ? y - x : x - y) || a - b;
  });
}

function settingsNote(run: UncertaintyRun): string {
  const o = run.mc.options;
  const varied = o.factors.join(", ");
  return `${o.draws.toLocaleString("en-GB")} draws over ${varied}; seed ${o.seed}; weight CV ${o.weightCv}${o.concentration !== undefined ? ` (concentration ${o.concentration})` : ""}; C in [${o.constantRange.join(", ")}]; offsets ${o.offsets.join(", ")}. Mean absolute rank shift ${run.mc.meanRankShift.toFixed(2)}. Values computed by the task pane at ${run.ranAt} for the settings then on ${SHEET_NAMES.weights}: run again after an edit. The same seed gives the same numbers as hln sensitivity --draws ${o.draws} --seed ${o.seed} --factors ${o.factors.join(",")}.`;
}

/** The HLN Uncertainty sheet, and HLN Sensitivity when Sobol indices were computed. */
export function planUncertaintySheets(run: UncertaintyRun, suffix = ""): SheetPlan[] {
  const L = areaLabels(run.spec);
  const areas = uncertaintyAreaTable(run.codes, run.names, run.mc, L.csv);
  const groups = uncertaintyGroupTable(run.groupName, run.mc, run.sens, L.groupCsv);
  const byRank = orderBy(areas.count, (i) => run.mc.nominalRank[i]);
  const byCount = orderBy(groups.count, (k) => run.mc.groups.mean[k], true);
  const gCol = areas.header.length + 1;
  const blocks: Block[] = [
    { address: "A1", values: [[`Uncertainty of the ${run.spec.short ?? run.spec.label} ranking`]], style: "title" },
    { address: "A2", values: [[settingsNote(run)]], style: "note" },
    { address: addr(HEADER_ROW, 0), values: [areas.header], style: "header" },
    { address: addr(HEADER_ROW + 1, 0), values: rows(areas, byRank), style: "output" },
    { address: addr(HEADER_ROW, gCol), values: [groups.header], style: "header" },
    { address: addr(HEADER_ROW + 1, gCol), values: rows(groups, byCount), style: "output" },
  ];
  const sheets: SheetPlan[] = [
    {
      name: SHEET_NAMES.uncertainty + suffix,
      role: "uncertainty",
      blocks,
      columnWidths: [
        ...areas.header.map((h, c) => (c === 1 ? 32 : 12)),
        3,
        ...groups.header.map((_, c) => (c === 1 ? 28 : 12)),
      ],
      freeze: { rows: HEADER_ROW, cols: 0 },
      tabColor: "8064A2",
    },
  ];
  if (run.sens) {
    const s = run.sens;
    const t = sensitivityTable(s);
    sheets.push({
      name: SHEET_NAMES.sensitivity + suffix,
      role: "sensitivity",
      blocks: [
        {
          address: "A1",
          values: [[`Sensitivity of the ${run.spec.short ?? run.spec.label} ranking: Sobol indices`]],
          style: "title",
        },
        {
          address: "A2",
          values: [
            [
              `First-order (S) and total-effect (ST) indices with bootstrap 90% intervals (Saltelli / Jansen estimators), of the mean absolute rank shift and of each group's top-10% count. Sobol N = ${s.n} (${s.runs} runs), seed ${s.options.seed}, ${s.options.bootstrap} bootstrap resamples; computed at ${run.ranAt}.`,
            ],
          ],
          style: "note",
        },
        { address: addr(HEADER_ROW, 0), values: [t.header], style: "header" },
        {
          address: addr(HEADER_ROW + 1, 0),
          values: rows(
            t,
            Int32Array.from({ length: t.count }, (_, k) => k),
          ),
          style: "output",
        },
      ],
      columnWidths: [26, 18, 10, 10, 10, 10, 10, 10],
      freeze: { rows: HEADER_ROW, cols: 0 },
      tabColor: "8064A2",
    });
  }
  return sheets;
}
