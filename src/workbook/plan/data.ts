/** The Data sheet: area geography, population, the exclusion switch and every input column. */
import { specColumns } from "../../core/spec";
import { listedExclusions } from "../../core/settings";
import { addr, rangeAddress } from "../a1";
import type { Block, CellValue, ColumnValues, SheetPlan } from "../planTypes";
import { columnar, toF64 } from "./cells";
import type { PlanContext } from "./context";

/** Area columns A..I: index key, header. */
const AREA_COLUMNS = [
  "code",
  "name",
  "group",
  "groupName",
  "utla",
  "region",
  "population",
  "listed",
  "include",
] as const;

export function planData(ctx: PlanContext): SheetPlan {
  const { rows, N, R0, labels: L } = ctx;
  const D = ctx.sheet("data");
  const dataCols = specColumns(ctx.spec);
  const GEO = AREA_COLUMNS.length;
  const listedCodes = new Set(listedExclusions(ctx.spec));
  const listed = new Float64Array(N);
  for (let i = 0; i < N; i++) listed[i] = listedCodes.has(rows.code[i]) ? 1 : 0;
  const include = new Float64Array(N);
  for (let i = 0; i < N; i++) include[i] = 1 - ctx.result.excluded[i];
  const textCol = (x: (string | null)[] | null): ArrayLike<CellValue> => x ?? new Array<CellValue>(N).fill(null);
  const given = (x: unknown) => (x ? "geography" : "not given");
  const statusRow: CellValue[] = [
    "status →",
    given(rows.name),
    "geography",
    given(rows.groupName),
    given(rows.utlaName),
    given(rows.regionName),
    rows.population ? rows.columnStatus("pop_total") : "not given (1 per area)",
    "spec option",
    "formula",
    ...dataCols.map((c) => rows.columnStatus(c)),
    ...ctx.groupings.map(() => "geography"),
  ];
  const headers = [
    `${L.code} code`,
    `${L.code} name`,
    `${L.group} code`,
    `${L.group} name`,
    "UTLA name",
    "Region",
    "Population",
    "Listed for exclusion",
    "Include in measure",
    ...dataCols,
    ...ctx.groupings.map((g) => `${g.id} code`),
  ];
  const register = (key: string, col: number, formula?: string) =>
    ctx.index.add({
      key,
      sheet: D,
      range: rangeAddress(R0 - 1, col, Math.max(N, 1), 1),
      ...(formula ? { formula } : {}),
    });
  AREA_COLUMNS.slice(0, 8).forEach((k, j) => register(`area:${k}`, j));
  dataCols.forEach((c, j) => register(`data:${c}`, GEO + j));
  // further groupings' codes after the data columns (the default layout is unchanged without them)
  const G0 = GEO + dataCols.length;
  ctx.groupings.forEach((g, j) => register(`area:grouping:${g.id}`, G0 + j));
  const includeFormula = `=1-${ctx.index.nameOrRef("option:applyExclusions")}*${ctx.index.ref("area:listed")}`;
  register("area:include", 8, includeFormula);
  const blocks: Block[] = [
    {
      address: "A1",
      values: [statusRow],
      style: "status",
      comment: "Row 1: data status of each column (real / proxy / synthetic).",
    },
    { address: "A2", values: [headers], style: "header" },
    columnar(
      { address: addr(R0, 0), style: "plain" },
      "values",
      [
        rows.code,
        textCol(rows.name),
        rows.groupCode,
        textCol(rows.groupName),
        textCol(rows.utlaName),
        textCol(rows.regionName),
        rows.population ? toF64(rows.population) : new Float64Array(N).fill(1),
        listed,
      ] as ColumnValues[],
      N,
    ),
    columnar(
      {
        address: addr(R0, 8),
        formula: includeFormula,
        rows: N,
        cols: 1,
        style: "output",
        numberFormat: "0",
        comment: `1 = in the measure; 0 = left out (listed and ${ctx.index.nameOrRef("option:applyExclusions")} = 1). Excluded rows are blanked before every step.`,
      },
      "cached",
      [include],
      N,
    ),
    columnar(
      { address: addr(R0, GEO), style: "plain" },
      "values",
      dataCols.map((c) => toF64(ctx.rows.columns[c])),
      N,
    ),
  ];
  if (ctx.groupings.length > 0)
    blocks.push(
      columnar(
        { address: addr(R0, G0), style: "plain" },
        "values",
        ctx.groupings.map((g) => g.codes),
        N,
      ),
    );
  return {
    name: D,
    role: "data",
    blocks,
    columnWidths: [11, 26, 11, 22, 22, 18, 11, 10, 10, ...dataCols.map(() => 13), ...ctx.groupings.map(() => 11)],
    freeze: { rows: 2, cols: 1 },
    tabColor: "5B9BD5",
  };
}
