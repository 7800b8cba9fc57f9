/**
 * HLN.* evaluated by a real formula engine (HyperFormula) through the same adapters Excel calls,
 * checked against the core's direct results.
 */
import { HyperFormula } from "hyperformula";
import { shrink } from "../../src/core/shrink";
import { groupIndex } from "../../src/core/groupIndex";
import { normalScore } from "../../src/core/normalScore";
import { expTransform } from "../../src/core/expTransform";
import { needRank } from "../../src/core/needRank";
import { decile } from "../../src/core/decile";
import { weightedSum } from "../../src/core/combine";
import { districtSummary } from "../../src/core/districtSummary";
import { buildEngine, loadMetadata, registerHln } from "./hyperformula";

const N = 33755;

/** Deterministic synthetic LSOA-like data: 300 districts, counts with varied rates. */
function synthetic() {
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rows: unknown[][] = [["district", "numerator", "denominator", "population", "x1", "x2"]];
  for (let i = 0; i < N; i++) {
    const n = 500 + Math.floor(rnd() * 2500);
    const p = 0.02 + 0.3 * rnd() * rnd();
    rows.push([
      `E0800${String(i % 300).padStart(4, "0")}`,
      Math.round(n * p),
      n,
      1000 + Math.floor(rnd() * 2000),
      rnd(),
      rnd() * 10,
    ]);
  }
  return rows;
}

function column(values: unknown[][], j = 0): unknown[] {
  return values.map((r) => r[j]);
}

beforeAll(async () => {
  await registerHln();
});

test("the generated metadata describes every function and parameter and links its help page", async () => {
  const meta = (await loadMetadata()) as unknown as {
    id: string;
    description: string;
    helpUrl: string;
    parameters: { name: string; description: string }[];
  }[];
  expect(meta.map((f) => f.id).sort()).toEqual([
    "COMPOSITE",
    "DECILE",
    "DUAL",
    "EXPTRANSFORM",
    "LASUMMARY",
    "NORMALSCORE",
    "POLARITY",
    "QA",
    "RANK",
    "SCORE",
    "SHRINK",
    "SHRINKVALUE",
  ]);
  for (const f of meta) {
    expect(f.description.length).toBeGreaterThan(20);
    expect(f.helpUrl).toBe(`https://localhost:3000/help/functions.html#hln${f.id.toLowerCase()}`);
    for (const p of f.parameters) expect([f.id, p.name, p.description?.length > 10]).toEqual([f.id, p.name, true]);
  }
});

describe("HLN.* in HyperFormula over 33,755 rows", () => {
  const data = synthetic();
  const body = data.slice(1);
  const r = Float64Array.from(body.map((x) => x[1] as number));
  const n = Float64Array.from(body.map((x) => x[2] as number));
  const pop = Float64Array.from(body.map((x) => x[3] as number));
  const g = groupIndex(body.map((x) => x[0] as string));
  const last = N + 1;
  let hf: HyperFormula;
  let calc: number;

  beforeAll(() => {
    hf = buildEngine({
      Data: data,
      Calc: [
        [
          `=HLN.SHRINK(Data!B2:B${last}, Data!C2:C${last}, Data!A2:A${last})`,
          `=HLN.NORMALSCORE(A1:A${N})`,
          `=HLN.EXPTRANSFORM(B1:B${N})`,
          `=HLN.RANK(C1:C${N})`,
          `=HLN.DECILE(C1:C${N})`,
          `=HLN.SHRINK(Data!B2:B${last}, Data!C2:C${last}, Data!A2:A${last}, "weight")`,
          `=HLN.SCORE(Data!E2:F${last}, Weights!A1:B1)`,
        ],
      ],
      Weights: [[0.25, 0.75]],
      Summary: [[`=HLN.LASUMMARY(Calc!C1:C${N}, Data!A2:A${last}, Data!D2:D${last})`]],
    });
    calc = hf.getSheetId("Calc") as number;
  });

  afterAll(() => hf?.destroy());

  test("=HLN.SHRINK(Data!B2:B33756, Data!C2:C33756, Data!A2:A33756) equals the core's shrink", () => {
    const values = hf.getRangeValues({
      start: { sheet: calc, col: 0, row: 0 },
      end: { sheet: calc, col: 6, row: N - 1 },
    });
    const core = shrink(r, n, g.codes);
    const col = (j: number) => column(values, j) as number[];
    expect(col(0)).toEqual(Array.from(core.value));
    expect(col(5)).toEqual(Array.from(core.weight));
    // chained formulas over the spilled ranges equal the chained core steps
    const z = normalScore(core.value);
    expect(col(1)).toEqual(Array.from(z));
    const x = expTransform(z);
    expect(col(2)).toEqual(Array.from(x));
    expect(col(3)).toEqual(Array.from(needRank(x)));
    expect(col(4)).toEqual(Array.from(decile(needRank(x))));
    const x1 = Float64Array.from(body.map((v) => v[4] as number));
    const x2 = Float64Array.from(body.map((v) => v[5] as number));
    expect(col(6)).toEqual(Array.from(weightedSum([x1, x2], [0.25, 0.75])));
  });

  test("HLN.LASUMMARY spills a header row and one row per district: values, ranks, left out", () => {
    const sheet = hf.getSheetId("Summary") as number;
    const values = hf.getSheetValues(sheet);
    const m = ["score", "rank", "extent", "concentration", "top10", "top20"];
    expect(values[0]).toEqual(["group", "areas", "population", ...m, ...m.map((x) => `rank of ${x}`), "left out"]);
    const core = districtSummary(expTransform(normalScore(shrink(r, n, g.codes).value)), g.codes, pop);
    expect(values.length).toBe(g.labels.length + 1);
    for (let j = 0; j < g.labels.length; j++) {
      expect(values[j + 1].slice(0, 4)).toEqual([g.labels[j], core.areas[j], core.population[j], core.score[j]]);
      expect(values[j + 1][6]).toBe(core.concentration[j]);
      expect(values[j + 1][9]).toBe(core.ranks.score[j]);
      expect(values[j + 1][12]).toBe(core.ranks.concentration[j]);
    }
  });

  test("changing a weight cell recalculates the dependent scores", () => {
    const weights = hf.getSheetId("Weights") as number;
    hf.setCellContents({ sheet: weights, col: 0, row: 0 }, [[1, 0]]);
    const x1 = Float64Array.from(body.map((v) => v[4] as number));
    const got = hf.getRangeValues({ start: { sheet: calc, col: 6, row: 0 }, end: { sheet: calc, col: 6, row: 9 } });
    expect(column(got)).toEqual(Array.from(x1.subarray(0, 10)));
  });
});

describe("HLN.* in HyperFormula: small workbooks", () => {
  test("weights and the exponential constant in cells drive the results", () => {
    const hf = buildEngine({
      S: [
        [1, 10, 0.5, 0.5, 23],
        [2, 30, null, null, null],
        [3, 20, null, null, null],
        [4, 40, null, null, null],
        ["=HLN.SCORE(A1:B4, C1:D1)", "=HLN.EXPTRANSFORM(A5:A8, E1)", null, null, null],
      ],
    });
    const s = hf.getSheetId("S") as number;
    const at = (row: number, col: number) => hf.getCellValue({ sheet: s, row, col });
    expect([at(4, 0), at(5, 0), at(6, 0), at(7, 0)]).toEqual([5.5, 16, 11.5, 22]);
    const before = [at(4, 1), at(5, 1), at(6, 1), at(7, 1)];
    expect(before).toEqual(Array.from(expTransform([5.5, 16, 11.5, 22], 23)));
    hf.setCellContents({ sheet: s, row: 0, col: 2 }, 0); // weight of column A → 0
    expect([at(4, 0), at(5, 0), at(6, 0), at(7, 0)]).toEqual([5, 15, 10, 20]);
    hf.setCellContents({ sheet: s, row: 0, col: 4 }, 10); // constant 23 → 10
    expect([at(4, 1), at(5, 1), at(6, 1), at(7, 1)]).toEqual(Array.from(expTransform([5, 15, 10, 20], 10)));
    hf.setCellContents({ sheet: s, row: 0, col: 4 }, -1);
    const err = at(4, 1) as { value: string; message: string };
    expect(err.value).toBe("#VALUE!");
    expect(err.message).toBe("constant must be a number greater than 0, got -1");
    hf.destroy();
  });

  test("per-row errors stay in their row; whole-call errors are one cell", () => {
    const hf = buildEngine({
      S: [
        [3, "abc", "=HLN.NORMALSCORE(A1:A4)", '=HLN.EXPTRANSFORM(A1:A4, 23, "x")', "=HLN.NORMALSCORE(A1:B4)"],
        ["text", 1, null, null, null],
        [null, 2, null, null, null],
        [1, 3, null, null, null],
      ],
    });
    const s = hf.getSheetId("S") as number;
    const at = (row: number, col: number) =>
      hf.getCellValue({ sheet: s, row, col }) as never as { value: string; message: string };
    expect(at(0, 2)).toBeCloseTo(normalScore([3, NaN, NaN, 1])[0], 12);
    expect(at(1, 2).value).toBe("#VALUE!");
    expect(at(1, 2).message).toBe('values: text "text" is not a number');
    expect(at(2, 2).value).toBe("#N/A");
    expect(at(2, 2).message).toBe("blank input");
    expect(at(3, 2)).toBeCloseTo(normalScore([3, NaN, NaN, 1])[3], 12);
    expect(at(0, 3).value).toBe("#VALUE!");
    expect(at(0, 3).message).toBe('Unknown scaling "x": use "hln" or "iod"');
    expect(at(0, 4).message).toBe("values must be a single column or a single row, not a 4×2 range");
    hf.destroy();
  });
});
