/**
 * The sheet plan: spec + data + the core's MeasureResult → a pure description of the HLN workbook
 * (sheets, blocks of constants, one spilled formula per computed column with the core's values
 * cached, defined names, formats). No Office types and no Node APIs: the task pane and the CLI's
 * xlsx writer both consume it. Layout and formula design: docs/workbook.md.
 */
import type { MeasureData, MeasureResult } from "../core/buildMeasure";
import { DISTRICT_MEASURES } from "../core/districtSummary";
import type { QaResult } from "../core/qa";
import { IndicatorSpec, listIndicators, MeasureSpec } from "../core/spec";
import type { Bundle } from "../data/bundle";
import type { BundleMeta } from "../data/types";
import { absAddr, addr, sheetRange } from "./plan/a1";
import type { Block, CellValue, ColumnValues, DefinedName, SheetPlan, SheetRole, WorkbookPlan } from "./planTypes";

export { colLetter, quoteSheet, sheetRange, parseAddress } from "./plan/a1";
import { CHARTS_SHEET_NAME, planChartsSheet } from "./charts";

export const OGL_ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0.";
export const ONS_OS_ATTRIBUTION =
  "Source: Office for National Statistics licensed under the OGL v3.0. Contains OS data © Crown copyright and database right 2024";

/** First data row of every per-area sheet (row 1: title or status row, row 2: headers). */
export const FIRST_ROW = 3;

export interface PlanOptions {
  /** Appended to every sheet name (e.g. " (2)" for "Build a new copy"); names get a matching suffix. */
  suffix?: string;
  /** Build date shown on About (ISO string); default now. */
  builtAt?: string;
  /** Add-in / CLI version shown on About. */
  version?: string;
  /** Where the data came from, shown on About (e.g. "bundled LSOA21 dataset" or a file name). */
  dataLabel?: string;
}

/** Sheet base names by role (before the suffix). */
export const SHEET_NAMES: Record<Exclude<SheetRole, "charts">, string> = {
  about: "HLN About",
  weights: "HLN Weights",
  data: "HLN Data",
  indicators: "HLN Indicators",
  normal: "HLN Normal",
  dimensions: "HLN Dimensions",
  score: "HLN Score",
  la: "HLN LA",
  top: "HLN Top",
  qa: "HLN QA",
  sources: "HLN Sources",
};

/** Geography and status of the rows, from a bundle or plain MeasureData. */
interface Rows {
  n: number;
  code: string[];
  name: (string | null)[] | null;
  ladCode: string[];
  ladName: (string | null)[] | null;
  utlaName: (string | null)[] | null;
  regionName: (string | null)[] | null;
  population: ArrayLike<number> | null;
  columns: Record<string, ArrayLike<number>>;
  columnStatus: (id: string) => string;
  meta?: BundleMeta;
}

function isBundle(x: Bundle | MeasureData): x is Bundle {
  return (x as Bundle).geography !== undefined && (x as Bundle).meta !== undefined;
}

function rowsOf(x: Bundle | MeasureData): Rows {
  if (isBundle(x)) {
    const g = x.geography;
    const status = new Map(x.meta.columns.map((c) => [c.id, c.status]));
    return {
      n: x.n,
      code: g.lsoa21Code,
      name: g.lsoa21Name,
      ladCode: g.ladCode,
      ladName: g.ladName,
      utlaName: g.utlaName,
      regionName: g.regionName,
      population: x.columns.pop_total ?? null,
      columns: x.columns,
      columnStatus: (id) => status.get(id) ?? "unknown",
      meta: x.meta,
    };
  }
  // plain data may carry names (e.g. the CLI's user CSV: names / groupNames)
  const extra = x as MeasureData & { names?: string[]; groupNames?: string[] };
  return {
    n: x.areaCodes.length,
    code: x.areaCodes,
    name: extra.names ?? null,
    ladCode: x.groupCodes,
    ladName: extra.groupNames ?? null,
    utlaName: null,
    regionName: null,
    population: x.population ?? null,
    columns: x.columns as Record<string, ArrayLike<number>>,
    columnStatus: () => "user data",
  };
}

/** Indicator status counts (real / proxy / synthetic) from a bundle's metadata; user data → "user". */
export function dataStatusCounts(spec: MeasureSpec, meta?: BundleMeta): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { indicator } of listIndicators(spec)) {
    const s: string = meta?.indicators.find((m) => m.id === indicator.id)?.status ?? (meta ? "unknown" : "user");
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}

/** "real 12 / proxy 10 / synthetic 9". */
export function formatStatus(counts: Record<string, number>): string {
  const order: string[] = ["real", "proxy", "synthetic"];
  const keys = [...order.filter((k) => counts[k]), ...Object.keys(counts).filter((k) => !order.includes(k))];
  return keys.map((k) => `${k} ${counts[k]}`).join(" / ");
}

/** Turns a sheet suffix into a defined-name suffix (letters, digits, _ only). */
export function nameSuffix(suffix: string): string {
  const s = suffix.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return s ? `_${s}` : "";
}

/** NaN/±Infinity → null (a blank constant or a missing computed value). */
function num(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** A block whose `values` (or `cached`) 2-D array is derived from column-major data on first access. */
function columnar(
  base: Omit<Block, "values" | "cached" | "columnValues">,
  kind: "values" | "cached",
  columns: ColumnValues[],
  rows: number,
): Block {
  const block: Block = { ...base, columnValues: columns };
  let memo: CellValue[][] | undefined;
  Object.defineProperty(block, kind, {
    enumerable: true,
    configurable: true,
    get() {
      if (!memo) {
        memo = new Array(rows);
        for (let i = 0; i < rows; i++) {
          const row = new Array<CellValue>(columns.length);
          for (let j = 0; j < columns.length; j++) {
            const c = columns[j];
            row[j] = c instanceof Float64Array ? num(c[i]) : (c[i] ?? null);
          }
          memo[i] = row;
        }
      }
      return memo;
    },
    set(v: CellValue[][]) {
      memo = v;
    },
  });
  return block;
}

/** Builds the workbook plan. `data` is the bundle (geography, statuses, sources) or plain MeasureData. */
export function planWorkbook(
  spec: MeasureSpec,
  data: Bundle | MeasureData,
  result: MeasureResult,
  options: PlanOptions = {},
): WorkbookPlan {
  const suffix = options.suffix ?? "";
  const ns = nameSuffix(suffix);
  const sheet = (role: keyof typeof SHEET_NAMES) => SHEET_NAMES[role] + suffix;
  const rows = rowsOf(data);
  const N = rows.n;
  if (result.areaCodes.length !== N) throw new Error(`result has ${result.areaCodes.length} areas, data has ${N}`);
  const R0 = FIRST_ROW;
  const R1 = FIRST_ROW + N - 1;
  const opts = result.options;
  const inds = listIndicators(spec);
  const resById = new Map(result.indicators.map((r) => [r.id, r]));
  const names: DefinedName[] = [];
  const name = (base: string, ref: string, comment?: string): string => {
    const full = `HLN_${base}${ns}`;
    names.push({ name: full, ref, ...(comment ? { comment } : {}) });
    return full;
  };
  const colRange = (sh: string, col: number) => sheetRange(sh, R0, col, R1, col);
  const builtAt = options.builtAt ?? new Date().toISOString();
  const version = options.version ?? "0.0.0";
  const status = dataStatusCounts(spec, rows.meta);

  // ---------------------------------------------------------------- Weights
  const W = sheet("weights");
  const wBlocks: Block[] = [];
  const optionRows: [string, string, CellValue, string][] = [
    ["Constant", "Exponential constant C (Appendix C; 23 in the paper)", opts.constant, "0.###"],
    [
      "Scaling",
      'Rank scaling of sub-dimension and dimension transforms: "hln" = rank/(N+1), "iod" = rank/N',
      opts.scaling,
      "@",
    ],
    ["OverallScaling", "Rank scaling of the published-scale overall score", opts.overallScaling, "@"],
    ["Offset", 'Normal-score plotting position (step 6): "vdw", "blom", "rankit" or "tukey"', opts.offset, "@"],
    ["Missing", 'Missing components when combining: "reweight" or "propagate"', opts.missing, "@"],
    [
      "ApplyExclusions",
      "1 = leave out the areas listed in Data column H (the Isles of Scilly); 0 = include them",
      1,
      "0",
    ],
  ];
  wBlocks.push({
    address: "A1",
    values: [["HLN measure options and weights — edit the yellow cells; every sheet recalculates"]],
    style: "title",
  });
  wBlocks.push({ address: "A3", values: [["Option", "Value", "Meaning"]], style: "header" });
  const optName: Record<string, string> = {};
  optionRows.forEach(([id, label, value], k) => {
    const r = 4 + k;
    wBlocks.push({ address: addr(r, 0), values: [[id]], style: "plain" });
    wBlocks.push({ address: addr(r, 1), values: [[value]], style: "input" });
    wBlocks.push({ address: addr(r, 2), values: [[label]], style: "note" });
    optName[id] = name(id, sheetRange(W, r, 1), label);
  });

  // dimension weights
  let r = 4 + optionRows.length + 1;
  wBlocks.push({
    address: addr(r, 0),
    values: [["Dimension", "Weight", "Label", "Effective weight (share of variance)"]],
    style: "header",
  });
  r++;
  const dimStart = r;
  const dimWeightCell: Record<string, string> = {};
  spec.dimensions.forEach((d, k) => {
    const res = result.dimensions[k];
    wBlocks.push({ address: addr(r, 0), values: [[d.id]], style: "plain" });
    wBlocks.push({ address: addr(r, 1), values: [[res.weight]], style: "input", numberFormat: "0.000" });
    wBlocks.push({
      address: addr(r, 2),
      values: [[d.label, num(result.weights.effective[k])]],
      style: "plain",
      numberFormat: "0.000",
    });
    dimWeightCell[d.id] = sheetRange(W, r, 1);
    r++;
  });
  const dimEnd = r - 1;
  const wDims = name("W_dimensions", sheetRange(W, dimStart, 1, dimEnd, 1), "Dimension weights (step 9)");
  const dimSum = result.dimensions.reduce((s, d) => s + d.weight, 0);
  wBlocks.push({ address: addr(r, 0), values: [["Sum of dimension weights"]], style: "plain" });
  wBlocks.push({
    address: addr(r, 1),
    formula: `=SUM(${wDims})`,
    cached: [[dimSum]],
    rows: 1,
    cols: 1,
    style: "check",
    numberFormat: "0.000",
  });
  r++;
  wBlocks.push({ address: addr(r, 0), values: [["Check"]], style: "plain" });
  wBlocks.push({
    address: addr(r, 1),
    formula: `=IF(ABS(SUM(${wDims})-1)<0.000001,"OK: dimension weights sum to 1","CHECK: dimension weights do not sum to 1")`,
    cached: [
      [Math.abs(dimSum - 1) < 0.000001 ? "OK: dimension weights sum to 1" : "CHECK: dimension weights do not sum to 1"],
    ],
    rows: 1,
    cols: 1,
    style: "check",
    comment: "Scores are rank-based, so weights that do not sum to 1 rescale the overall score but keep its order.",
  });
  r += 2;

  // sub-dimension weights, one contiguous block per dimension
  const groupWeightName: Record<string, string> = {};
  if (spec.dimensions.some((d) => d.subdimensions)) {
    wBlocks.push({ address: addr(r, 0), values: [["Sub-dimension", "Weight", "Dimension", "Label"]], style: "header" });
    r++;
    for (const d of spec.dimensions) {
      if (!d.subdimensions) continue;
      const start = r;
      for (const s of d.subdimensions) {
        const res = result.subdimensions.find((x) => x.id === s.id)!;
        wBlocks.push({ address: addr(r, 0), values: [[s.id]], style: "plain" });
        wBlocks.push({ address: addr(r, 1), values: [[res.weight]], style: "input", numberFormat: "0.000" });
        wBlocks.push({ address: addr(r, 2), values: [[d.id, s.label]], style: "plain" });
        r++;
      }
      groupWeightName[d.id] = name(
        `W_${d.id}`,
        sheetRange(W, start, 1, r - 1, 1),
        `Sub-dimension weights of ${d.label}`,
      );
    }
    r++;
  }

  // indicator weights and polarity, contiguous per sub-dimension (or per dimension without sub-dimensions)
  wBlocks.push({
    address: addr(r, 0),
    values: [
      [
        "Indicator",
        "Weight",
        "Polarity (1: higher = more need; -1: reversed)",
        "Dimension",
        "Sub-dimension",
        "Shrunk",
        "Label",
      ],
    ],
    style: "header",
  });
  r++;
  const polarityName: Record<string, string> = {};
  {
    let k = 0;
    while (k < inds.length) {
      const group = inds[k].subdimension?.id ?? inds[k].dimension.id;
      const start = r;
      while (k < inds.length && (inds[k].subdimension?.id ?? inds[k].dimension.id) === group) {
        const { indicator: ind, dimension: d, subdimension: s } = inds[k];
        const res = resById.get(ind.id)!;
        wBlocks.push({ address: addr(r, 0), values: [[ind.id]], style: "plain" });
        wBlocks.push({ address: addr(r, 1), values: [[res.weight, ind.polarity]], style: "input" });
        wBlocks.push({
          address: addr(r, 3),
          values: [[d.id, s?.id ?? "", ind.shrink ? "yes" : "no", ind.label]],
          style: "plain",
        });
        polarityName[ind.id] = name(`P_${ind.id}`, sheetRange(W, r, 2), `Polarity of ${ind.label}`);
        r++;
        k++;
      }
      groupWeightName[group] = name(`W_${group}`, sheetRange(W, start, 1, r - 1, 1), `Indicator weights of ${group}`);
    }
  }
  const weightsSheet: SheetPlan = {
    name: W,
    role: "weights",
    blocks: wBlocks,
    columnWidths: [26, 12, 44, 18, 22, 8, 60],
    freeze: { rows: 0, cols: 0 },
    tabColor: "FFC000",
  };

  // ---------------------------------------------------------------- Data
  const D = sheet("data");
  const dataCols: string[] = [];
  const addCol = (id: string) => {
    if (!dataCols.includes(id)) dataCols.push(id);
  };
  for (const { indicator: i } of inds) {
    for (const c of i.numerator ?? []) addCol(c);
    if (i.denominator) addCol(i.denominator);
    if (i.value) addCol(i.value);
    if (i.se) addCol(i.se);
  }
  const GEO = 9; // A..I: code, name, LAD code, LAD name, UTLA, region, population, listed, include
  const dataColIndex = (id: string) => GEO + dataCols.indexOf(id);
  const popValues: ColumnValues = rows.population ? toF64(rows.population) : new Float64Array(N).fill(1);
  const listed = new Float64Array(N);
  for (let i = 0; i < N; i++) listed[i] = result.excluded[i];
  const include = new Float64Array(N);
  for (let i = 0; i < N; i++) include[i] = 1 - result.excluded[i];
  const textCol = (x: (string | null)[] | null): ArrayLike<CellValue> => x ?? new Array<CellValue>(N).fill(null);
  const dBlocks: Block[] = [];
  const statusRow: CellValue[] = [
    "status →",
    rows.name ? "geography" : "not given",
    "geography",
    rows.ladName ? "geography" : "not given",
    rows.utlaName ? "geography" : "not given",
    rows.regionName ? "geography" : "not given",
    rows.population ? rows.columnStatus("pop_total") : "not given (1 per area)",
    "spec option",
    "formula",
    ...dataCols.map((c) => rows.columnStatus(c)),
  ];
  dBlocks.push({
    address: "A1",
    values: [statusRow],
    style: "status",
    comment: "Row 1: data status of each column (real / proxy / synthetic).",
  });
  dBlocks.push({
    address: "A2",
    values: [
      [
        "LSOA21 code",
        "LSOA21 name",
        "LAD24 code",
        "LAD24 name",
        "UTLA name",
        "Region",
        "Population",
        "Listed for exclusion",
        "Include in measure",
        ...dataCols,
      ],
    ],
    style: "header",
  });
  dBlocks.push(
    columnar(
      { address: addr(R0, 0), style: "plain" },
      "values",
      [
        rows.code,
        textCol(rows.name),
        rows.ladCode,
        textCol(rows.ladName),
        textCol(rows.utlaName),
        textCol(rows.regionName),
        popValues,
        listed,
      ],
      N,
    ),
  );
  const incRange = colRange(D, 8);
  dBlocks.push(
    columnar(
      {
        address: addr(R0, 8),
        formula: `=1-${optName.ApplyExclusions}*${colRange(D, 7)}`,
        rows: N,
        cols: 1,
        style: "output",
        numberFormat: "0",
        comment:
          "1 = in the measure; 0 = left out (listed and HLN_ApplyExclusions = 1). Excluded rows are blanked before every step.",
      },
      "cached",
      [include],
      N,
    ),
  );
  dBlocks.push(
    columnar(
      { address: addr(R0, GEO), style: "plain" },
      "values",
      dataCols.map((c) => toF64(rows.columns[c])),
      N,
    ),
  );
  const dataSheet: SheetPlan = {
    name: D,
    role: "data",
    blocks: dBlocks,
    columnWidths: [11, 26, 11, 22, 22, 18, 11, 10, 10, ...dataCols.map(() => 13)],
    freeze: { rows: 2, cols: 1 },
    tabColor: "5B9BD5",
  };
  const dataRef = (id: string) => colRange(D, dataColIndex(id));
  const groupsRef = colRange(D, 2);
  const inc = `(${incRange}=1)`;

  // ---------------------------------------------------------------- Indicators (steps 3-5)
  const I = sheet("indicators");
  const iHead: CellValue[] = [];
  const iStep: CellValue[] = [];
  const iBlocks: Block[] = [];
  const directedRef: Record<string, string> = {};
  const qaExpr: Record<string, string> = {};
  let ic = 0;
  const addFormulaCol = (
    blocks: Block[],
    head: CellValue[],
    step: CellValue[],
    col: number,
    header: string,
    stepText: string,
    formula: string,
    values: Float64Array,
    numberFormat: string,
    comment?: string,
  ) => {
    head[col] = header;
    step[col] = stepText;
    blocks.push(
      columnar(
        {
          address: addr(R0, col),
          formula,
          rows: N,
          cols: 1,
          style: "output",
          numberFormat,
          ...(comment ? { comment } : {}),
        },
        "cached",
        [values],
        N,
      ),
    );
  };
  for (const { indicator: ind } of inds) {
    const res = resById.get(ind.id)!;
    let src: string;
    if (ind.kind === "count") {
      const parts = ind.numerator!;
      let numRef: string;
      const contiguous = parts.every((p, k) => dataColIndex(p) === dataColIndex(parts[0]) + k);
      if (parts.length > 1) {
        const f = contiguous
          ? `=HLN.COMPOSITE(${sheetRange(D, R0, dataColIndex(parts[0]), R1, dataColIndex(parts[parts.length - 1]))})`
          : `=IF(${parts.map((p) => `ISNUMBER(${dataRef(p)})`).join("*")},${parts.map(dataRef).join("+")},"")`;
        addFormulaCol(
          iBlocks,
          iHead,
          iStep,
          ic,
          `${ind.id}: numerator`,
          "3 composite",
          f,
          res.numerator!,
          "0",
          `Step 3: ${parts.join(" + ")}`,
        );
        numRef = colRange(I, ic);
        ic++;
      } else numRef = dataRef(parts[0]);
      const den = dataRef(ind.denominator!);
      const prop = `IF(ISNUMBER(${numRef})*ISNUMBER(${den}),IF(${inc}*(${den}>0)*(${numRef}>=0)*(${numRef}<=${den}),${numRef}/${den},""),"")`;
      qaExpr[ind.id] = `=HLN.QA(${prop},1)`;
      if (ind.shrink) {
        addFormulaCol(
          iBlocks,
          iHead,
          iStep,
          ic,
          `${ind.id}: shrunk`,
          "4 shrinkage",
          `=HLN.SHRINK(IF(${inc}*ISNUMBER(${numRef}),${numRef},""),${den},${groupsRef})`,
          res.shrunk,
          "0.0000",
          "Step 4 (Appendix B): proportion shrunk towards its LAD; excluded areas blanked first.",
        );
      } else {
        addFormulaCol(
          iBlocks,
          iHead,
          iStep,
          ic,
          `${ind.id}: proportion`,
          "3 proportion",
          `=${prop}`,
          res.raw,
          "0.0000",
        );
      }
      src = colRange(I, ic);
      ic++;
    } else {
      const v = dataRef(ind.value!);
      const blanked = `IF(${inc}*ISNUMBER(${v}),${v},"")`;
      qaExpr[ind.id] = `=HLN.QA(${blanked})`;
      if (ind.shrink) {
        addFormulaCol(
          iBlocks,
          iHead,
          iStep,
          ic,
          `${ind.id}: shrunk`,
          "4 shrinkage",
          `=HLN.SHRINKVALUE(${blanked},${dataRef(ind.se!)},${groupsRef})`,
          res.shrunk,
          "0.0000",
        );
        src = colRange(I, ic);
        ic++;
      } else src = blanked;
    }
    addFormulaCol(
      iBlocks,
      iHead,
      iStep,
      ic,
      `${ind.id}: directed`,
      "5 polarity",
      `=HLN.POLARITY(${src},${polarityName[ind.id]})`,
      res.directed,
      "0.0000",
      `Step 5: × polarity (${polarityName[ind.id]}); higher = more need.`,
    );
    directedRef[ind.id] = colRange(I, ic);
    ic++;
  }
  iBlocks.unshift(
    { address: "A1", values: [fill(iStep, ic)], style: "status" },
    { address: "A2", values: [fill(iHead, ic)], style: "header" },
  );
  const indicatorsSheet: SheetPlan = {
    name: I,
    role: "indicators",
    blocks: iBlocks,
    columnWidths: new Array(ic).fill(16),
    freeze: { rows: 2, cols: 0 },
  };

  // ---------------------------------------------------------------- Normal (step 6)
  const Nm = sheet("normal");
  const nBlocks: Block[] = [];
  const nHead: CellValue[] = [];
  const nStep: CellValue[] = [];
  const normalCol: Record<string, number> = {};
  inds.forEach(({ indicator: ind }, k) => {
    addFormulaCol(
      nBlocks,
      nHead,
      nStep,
      k,
      ind.id,
      "6 normal score",
      `=HLN.NORMALSCORE(${directedRef[ind.id]},${optName.Offset})`,
      resById.get(ind.id)!.normal,
      "0.0000",
    );
    normalCol[ind.id] = k;
  });
  nBlocks.unshift(
    { address: "A1", values: [fill(nStep, inds.length)], style: "status" },
    { address: "A2", values: [fill(nHead, inds.length)], style: "header" },
  );
  const normalSheet: SheetPlan = {
    name: Nm,
    role: "normal",
    blocks: nBlocks,
    columnWidths: new Array(inds.length).fill(14),
    freeze: { rows: 2, cols: 0 },
  };
  const normalRange = (list: IndicatorSpec[]) => {
    const cs = list.map((i) => normalCol[i.id]);
    for (let k = 1; k < cs.length; k++)
      if (cs[k] !== cs[0] + k) throw new Error("indicators of a group are not contiguous");
    return sheetRange(Nm, R0, cs[0], R1, cs[cs.length - 1]);
  };
  const finite = (ref: string) => `IF(ISNUMBER(${ref}),${ref},"")`;

  // ---------------------------------------------------------------- Dimensions (steps 7-8)
  const Dm = sheet("dimensions");
  const dmBlocks: Block[] = [];
  const dmHead: CellValue[] = [];
  const dmStep: CellValue[] = [];
  const subs = spec.dimensions.flatMap((d) => d.subdimensions ?? []);
  const S = subs.length;
  const subTransCol: Record<string, number> = {};
  subs.forEach((s, k) => {
    const res = result.subdimensions.find((x) => x.id === s.id)!;
    const rawRef = colRange(Dm, k);
    addFormulaCol(
      dmBlocks,
      dmHead,
      dmStep,
      k,
      `${s.id}: sum`,
      "7 weighted sum",
      `=HLN.SCORE(${finite(normalRange(s.indicators))},${groupWeightName[s.id]},${optName.Missing})`,
      res.raw,
      "0.0000",
    );
    addFormulaCol(
      dmBlocks,
      dmHead,
      dmStep,
      S + k,
      `${s.id}: score`,
      "8 exponential",
      `=HLN.EXPTRANSFORM(${rawRef},${optName.Constant},${optName.Scaling})`,
      res.transformed,
      "0.00",
    );
    subTransCol[s.id] = S + k;
  });
  const Dn = spec.dimensions.length;
  const dimTransCol0 = 2 * S + Dn;
  spec.dimensions.forEach((d, k) => {
    const res = result.dimensions[k];
    let input: string;
    if (d.subdimensions) {
      const c0 = subTransCol[d.subdimensions[0].id];
      input = sheetRange(Dm, R0, c0, R1, c0 + d.subdimensions.length - 1);
    } else input = normalRange(d.indicators!);
    addFormulaCol(
      dmBlocks,
      dmHead,
      dmStep,
      2 * S + k,
      `${d.id}: sum`,
      "7 weighted sum",
      `=HLN.SCORE(${finite(input)},${groupWeightName[d.id]},${optName.Missing})`,
      res.raw,
      "0.0000",
    );
    addFormulaCol(
      dmBlocks,
      dmHead,
      dmStep,
      dimTransCol0 + k,
      `${d.id}: score`,
      "8 exponential",
      `=HLN.EXPTRANSFORM(${colRange(Dm, 2 * S + k)},${optName.Constant},${optName.Scaling})`,
      res.transformed,
      "0.00",
    );
  });
  const dmCols = 2 * S + 2 * Dn;
  dmBlocks.unshift(
    { address: "A1", values: [fill(dmStep, dmCols)], style: "status" },
    { address: "A2", values: [fill(dmHead, dmCols)], style: "header" },
  );
  const dimensionsSheet: SheetPlan = {
    name: Dm,
    role: "dimensions",
    blocks: dmBlocks,
    columnWidths: new Array(dmCols).fill(16),
    freeze: { rows: 2, cols: 0 },
  };

  // ---------------------------------------------------------------- Score (step 9)
  const Sc = sheet("score");
  const sBlocks: Block[] = [];
  const sHead: CellValue[] = ["LSOA21 code"];
  const sStep: CellValue[] = ["area"];
  sBlocks.push(columnar({ address: addr(R0, 0), style: "plain" }, "values", [rows.code], N));
  const dimTrans = sheetRange(Dm, R0, dimTransCol0, R1, dimTransCol0 + Dn - 1);
  addFormulaCol(
    sBlocks,
    sHead,
    sStep,
    1,
    "Overall (weighted sum)",
    "9 combine",
    `=HLN.SCORE(${finite(dimTrans)},${wDims},${optName.Missing})`,
    result.overall,
    "0.000",
  );
  addFormulaCol(
    sBlocks,
    sHead,
    sStep,
    2,
    "HLN score (published scale)",
    "9 exponential",
    `=HLN.EXPTRANSFORM(${colRange(Sc, 1)},${optName.Constant},${optName.OverallScaling})`,
    result.score,
    "0.00",
  );
  addFormulaCol(
    sBlocks,
    sHead,
    sStep,
    3,
    "Rank (1 = most need)",
    "rank",
    `=HLN.RANK(${colRange(Sc, 2)})`,
    result.rank,
    "0",
  );
  addFormulaCol(
    sBlocks,
    sHead,
    sStep,
    4,
    "Decile (1 = most need)",
    "decile",
    `=HLN.DECILE(${colRange(Sc, 2)})`,
    result.decile,
    "0",
  );
  const rk = colRange(Sc, 3);
  addFormulaCol(
    sBlocks,
    sHead,
    sStep,
    5,
    "Hotspot (most-needy 20%)",
    "hotspot",
    `=IF(ISNUMBER(${rk}),IF(5*${rk}<=COUNT(${rk}),1,0),"")`,
    result.hotspot,
    "0",
  );
  sBlocks.unshift(
    { address: "A1", values: [sStep], style: "status" },
    { address: "A2", values: [sHead], style: "header" },
  );
  const scoreSheet: SheetPlan = {
    name: Sc,
    role: "score",
    blocks: sBlocks,
    columnWidths: [11, 16, 16, 12, 12, 12],
    freeze: { rows: 2, cols: 1 },
    tabColor: "70AD47",
  };
  const scoreRef = colRange(Sc, 2);

  // ---------------------------------------------------------------- LA summaries
  const L = sheet("la");
  const G = result.groups.labels.length;
  const dist = result.districts;
  const ladNameOf = new Map<string, string | null>();
  for (let i = 0; i < N; i++)
    if (!ladNameOf.has(rows.ladCode[i])) ladNameOf.set(rows.ladCode[i], rows.ladName ? rows.ladName[i] : null);
  const laCached: CellValue[][] = [["group", "areas", "population", ...DISTRICT_MEASURES]];
  for (let j = 0; j < G; j++) {
    laCached.push([
      result.groups.labels[j],
      dist.areas[j],
      dist.population[j],
      ...DISTRICT_MEASURES.map((m) => num(dist[m][j])),
    ]);
  }
  const laSheet: SheetPlan = {
    name: L,
    role: "la",
    blocks: [
      {
        address: "A1",
        values: [
          [
            "Local authority district summaries of the HLN score (IoD-style: average score, rank of average score, extent, local concentration, share of areas in the national top 10% / 20%)",
          ],
        ],
        style: "title",
      },
      { address: "A2", values: [["LAD24 name"]], style: "header" },
      { address: "A3", values: result.groups.labels.map((c) => [ladNameOf.get(c) ?? null]), style: "plain" },
      {
        address: "B2",
        formula: `=HLN.LASUMMARY(${finite(scoreRef)},${groupsRef},${colRange(D, 6)})`,
        cached: laCached,
        rows: G + 1,
        cols: 3 + DISTRICT_MEASURES.length,
        style: "output",
        numberFormat: "0.000",
      },
    ],
    columnWidths: [26, 11, 8, 11, 10, 8, 10, 14, 8, 8],
    freeze: { rows: 2, cols: 2 },
  };

  // ---------------------------------------------------------------- Top 20
  const T = sheet("top");
  const topN = Math.min(20, result.n);
  const byRank: number[] = [];
  for (let k = 1; k <= topN; k++) byRank.push(result.rank.findIndex((x) => x === k));
  const tBlocks: Block[] = [
    { address: "A1", values: [["Top 20 LSOAs by HLN score (as in the paper's table)"]], style: "title" },
    { address: "A2", values: [["Rank", "LSOA21 code", "LSOA21 name", "LAD24 name", "HLN score"]], style: "header" },
  ];
  const match = (k: number) => `MATCH(${absAddr(R0 + k, 0)},${rk},0)`;
  for (let k = 0; k < topN; k++) {
    const i = byRank[k];
    const row = R0 + k;
    tBlocks.push({ address: addr(row, 0), values: [[k + 1]], style: "plain" });
    const cell = (col: number, src: string, v: CellValue, nf?: string) =>
      tBlocks.push({
        address: addr(row, col),
        formula: `=INDEX(${src},${match(k)})`,
        cached: [[i < 0 ? null : v]],
        rows: 1,
        cols: 1,
        style: "output",
        ...(nf ? { numberFormat: nf } : {}),
      });
    cell(1, colRange(D, 0), rows.code[i] ?? null);
    cell(2, colRange(D, 1), rows.name ? rows.name[i] : null);
    cell(3, colRange(D, 3), rows.ladName ? rows.ladName[i] : null);
    cell(4, scoreRef, i < 0 ? null : num(result.score[i]), "0.00");
  }
  const topSheet: SheetPlan = { name: T, role: "top", blocks: tBlocks, columnWidths: [6, 12, 30, 26, 10] };

  // ---------------------------------------------------------------- QA (step 2)
  const Q = sheet("qa");
  const qBlocks: Block[] = [
    {
      address: "A1",
      values: [["Step 2 quality checks of each indicator's raw column (excluded areas blank)"]],
      style: "title",
    },
  ];
  inds.forEach(({ indicator: ind }, k) => {
    const row = 3 + k * 16;
    qBlocks.push({ address: addr(row, 0), values: [[ind.id], [ind.label]], style: "header" });
    qBlocks.push({
      address: addr(row, 1),
      formula: qaExpr[ind.id],
      cached: qaCached(resById.get(ind.id)!.qa, ind.kind === "count"),
      rows: 14,
      cols: 2,
      style: "output",
    });
  });
  const qaSheet: SheetPlan = { name: Q, role: "qa", blocks: qBlocks, columnWidths: [30, 22, 40] };

  // ---------------------------------------------------------------- Sources
  const So = sheet("sources");
  const soBlocks: Block[] = [
    { address: "A1", values: [["Indicator sources and data status"]], style: "title" },
    { address: "A2", values: [[OGL_ATTRIBUTION], [ONS_OS_ATTRIBUTION]], style: "note" },
  ];
  const meta = rows.meta;
  const indHead = [
    "Indicator",
    "Label",
    "Dimension",
    "Sub-dimension",
    "Status",
    "Polarity",
    "Shrunk",
    "Publisher",
    "Dataset",
    "Edition",
    "Source geography",
    "Conversion to LSOA21",
    "Licence",
    "Paper's indicator",
    "Caveat",
  ];
  const indRows: CellValue[][] = inds.map(({ indicator: ind, dimension: d, subdimension: s }) => {
    const m = meta?.indicators.find((x) => x.id === ind.id);
    return [
      ind.id,
      ind.label,
      d.label,
      s?.label ?? "",
      m?.status ?? (meta ? "unknown" : "user"),
      ind.polarity,
      ind.shrink ? "yes" : "no",
      m?.publisher ?? "",
      m?.dataset ?? "",
      m?.edition ?? "",
      m?.originalGeography ?? ind.geography ?? "",
      m?.conversion ?? "",
      m?.licence ?? "",
      m?.paperIndicator ?? "",
      m?.caveat ?? "",
    ];
  });
  soBlocks.push(
    { address: "A5", values: [indHead], style: "header" },
    { address: "A6", values: indRows, style: "plain" },
  );
  let sr = 6 + indRows.length + 1;
  if (meta) {
    soBlocks.push({ address: addr(sr, 0), values: [["Bundle attribution"], [meta.attribution]], style: "note" });
    sr += 3;
    soBlocks.push({
      address: addr(sr, 0),
      values: [["Source", "Publisher", "Dataset", "Edition", "Geography", "Licence", "Attribution", "URL", "Raw file"]],
      style: "header",
    });
    soBlocks.push({
      address: addr(sr + 1, 0),
      values: meta.sources.map((s) => [
        s.id,
        s.publisher,
        s.dataset,
        s.edition,
        s.geography,
        s.licence,
        s.attribution,
        s.url ?? "",
        s.rawFile,
      ]),
      style: "plain",
    });
  }
  const sourcesSheet: SheetPlan = {
    name: So,
    role: "sources",
    blocks: soBlocks,
    columnWidths: [20, 40, 24, 20, 10, 8, 8, 20, 30, 20, 12, 40, 20, 40, 60],
  };

  // ---------------------------------------------------------------- About
  const A = sheet("about");
  const aboutLines: CellValue[][] = [
    [spec.label + " (HLN) measure", ""],
    [
      "What it is",
      "A small-area index of need for England's LSOAs: 31 indicators in 5 dimensions (the Government's missions), built with the method of OCSI's Technical Methodology Paper: shrinkage, normal scores, weighted sums and the exponential transform.",
    ],
    [
      "How to use",
      `Edit the yellow cells on '${W}' (weights, polarity, constant, scalings, exclusions). Every computed column is one spilled HLN.* formula over '${D}', so the whole measure recalculates. The HLN.* functions need the HLN add-in: without it the stored values show but do not recalculate.`,
    ],
    [
      "Sheets",
      `${D}: inputs with each column's data status in row 1 · ${I}: steps 3-5 · ${Nm}: step 6 · ${Dm}: steps 7-8 · ${Sc}: step 9, rank, decile, hotspot · ${L}: LA summaries · ${T}: top 20 · ${Q}: step 2 checks · ${So}: sources · ${CHARTS_SHEET_NAME + suffix}: score distribution and the LAs with most hotspots`,
    ],
    ["Areas", N],
    ["Areas in the measure", result.n],
    ["Indicators", inds.length],
    ["Data status (indicators)", formatStatus(status)],
    ["Data", options.dataLabel ?? (meta ? meta.title : "user data")],
    ["Spec", `${spec.id} ${spec.version ?? ""}`.trim()],
    ["Method source", spec.source ?? ""],
    ["Built", builtAt],
    ["Add-in version", version],
    ["Licence", OGL_ATTRIBUTION],
    ["Attribution", ONS_OS_ATTRIBUTION],
  ];
  const aboutSheet: SheetPlan = {
    name: A,
    role: "about",
    blocks: [
      { address: "A1", values: [aboutLines[0]], style: "title" },
      { address: "A3", values: aboutLines.slice(1), style: "plain" },
    ],
    columnWidths: [24, 120],
    tabColor: "7030A0",
  };

  // ---------------------------------------------------------------- Charts (issue 7)
  const charts = planChartsSheet(result, ladNameOf as Map<string, string>, {
    name: CHARTS_SHEET_NAME + suffix,
    refs: { score: scoreRef, hotspot: colRange(Sc, 5), lad: groupsRef },
  });

  return {
    sheets: [
      aboutSheet,
      weightsSheet,
      dataSheet,
      indicatorsSheet,
      normalSheet,
      dimensionsSheet,
      scoreSheet,
      laSheet,
      topSheet,
      qaSheet,
      sourcesSheet,
      charts.sheet,
    ],
    charts: charts.charts,
    names,
    areas: N,
    meta: { builtAt, version, spec: `${spec.id}${spec.version ? " " + spec.version : ""}`, dataStatus: status },
  };
}

/** The 14 × 2 table HLN.QA returns, from the core's QaResult (errors → null). */
function qaCached(q: QaResult, hasUpper: boolean): CellValue[][] {
  return [
    ["n", q.n],
    ["missing", q.missing],
    ["of which text or errors", 0],
    ["zeros", q.zeros],
    ["at upper", hasUpper ? q.atUpper : null],
    ["share missing", num(q.shareMissing)],
    ["share zeros", num(q.shareZero)],
    ["share at upper", hasUpper ? num(q.shareUpper) : null],
    ["min", num(q.min)],
    ["max", num(q.max)],
    ["constant", q.constant],
    ["flags", q.flags.join(", ")],
    ["reasons", q.reasons.join("; ")],
    ["pass", q.pass],
  ];
}

function fill(row: CellValue[], n: number): CellValue[] {
  const out = new Array<CellValue>(n);
  for (let j = 0; j < n; j++) out[j] = row[j] ?? null;
  return out;
}

function toF64(c: ArrayLike<number>): Float64Array {
  if (c instanceof Float64Array) return c;
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = typeof c[i] === "number" ? c[i] : NaN;
  return out;
}

/** Every block of a plan with its sheet (helper for writers and tests). */
export function eachBlock(plan: WorkbookPlan, f: (sheet: SheetPlan, block: Block) => void): void {
  for (const s of plan.sheets) for (const b of s.blocks) f(s, b);
}
