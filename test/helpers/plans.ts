/** Hand-made WorkbookPlans for writer and task-pane tests (the shape of src/workbook/planTypes.ts). */
import { PlanIndex } from "../../src/workbook/plan/planIndex";
import type { CellValue, WorkbookPlan } from "../../src/workbook/planTypes";
import { mulberry32 as prng } from "../../scripts/data/prng";

/** A small plan: About, Weights (input cells + names), Data (n rows of values), Score (spilling formula). */
export function smallPlan(n = 12_000, suffix = ""): WorkbookPlan {
  const s = (name: string) => `${name}${suffix}`;
  const rnd = prng(7);
  const data: CellValue[][] = [];
  for (let i = 0; i < n; i++)
    data.push([`E0${String(1000000 + i)}`, `Area ${i}`, Math.round(rnd() * 1e6) / 1e3, rnd()]);
  const weights: CellValue[][] = [[0.225], [0.1], [0.225], [0.225], [0.225]];
  return {
    index: new PlanIndex(),
    areas: n,
    meta: {
      builtAt: "2026-11-23T00:00:00Z",
      version: "0.1.0",
      spec: "hln",
      dataStatus: { real: 9, proxy: 17, synthetic: 5 },
    },
    sheets: [
      {
        name: s("HLN About"),
        role: "about",
        blocks: [
          { address: "A1", values: [["Hyper-local Need"]], style: "title" },
          {
            address: "A3",
            values: [
              ["Built", "2026-11-23"],
              ["Areas", n],
              ["=not a formula", "-x"],
            ],
            style: "plain",
          },
        ],
        columnWidths: [24, 40],
        tabColor: "#1F3864",
      },
      {
        name: s("HLN Weights"),
        role: "weights",
        blocks: [
          { address: "A1", values: [["Weights"]], style: "title" },
          { address: "A3", values: [["Dimension", "Weight"]], style: "header" },
          {
            address: "A4",
            values: [["growth"], ["energy"], ["crime"], ["opportunity"], ["nhs"]],
            style: "plain",
          },
          {
            address: "B4",
            values: weights,
            style: "input",
            numberFormat: "0.000",
          },
          { address: "A10", values: [["Constant"]], style: "plain" },
          { address: "B10", values: [[23]], style: "input" },
        ],
        freeze: { rows: 3, cols: 0 },
      },
      {
        name: s("HLN Data"),
        role: "data",
        blocks: [
          {
            address: "A1",
            values: [["LSOA21 code", "LSOA21 name", "value", "share"]],
            style: "header",
          },
          { address: "A2", values: data, numberFormat: "0.000" },
        ],
        freeze: { rows: 1, cols: 2 },
        columnWidths: [12, 30, 10, 10],
      },
      {
        name: s("HLN Score"),
        role: "score",
        blocks: [
          { address: "A1", values: [["Score"]], style: "header" },
          {
            address: "A2",
            formula: `=HLN.EXPSCORE('${s("HLN Data")}'!C2:C${n + 1},HLN_Constant${suffix ? "_2" : ""})`,
            rows: n,
            cols: 1,
            cached: data.map((r) => [r[2]]),
            numberFormat: "0.00",
            style: "output",
          },
        ],
      },
    ],
    names: [
      {
        name: `HLN_Weight_growth${suffix ? "_2" : ""}`,
        ref: `'${s("HLN Weights")}'!$B$4`,
      },
      {
        name: `HLN_Constant${suffix ? "_2" : ""}`,
        ref: `'${s("HLN Weights")}'!$B$10`,
        comment: "exponential constant",
      },
    ],
    stateSheet: s("HLN State"),
  };
}

/**
 * A plan of the full build's size (33,755 rows): Data, Indicators (raw + shrunk of 31
 * indicators), Normal, Dimensions and Score sheets of full-precision doubles. A stand-in for
 * planWorkbook() wherever the real plan is not available.
 */
export function fullSizePlan(n = 33_755): WorkbookPlan {
  const rnd = prng(11);
  const sheet = (name: string, role: WorkbookPlan["sheets"][number]["role"], cols: number, text = 0) => {
    const header: CellValue[] = Array.from({ length: cols }, (_, j) => `column ${j + 1}`);
    const rows: CellValue[][] = [];
    for (let i = 0; i < n; i++) {
      const r: CellValue[] = new Array(cols);
      for (let j = 0; j < cols; j++)
        r[j] = j < text ? (j === 0 ? `E0${1000000 + i}` : `Some LSOA name ${i} ${j}`) : rnd() * 10 - 5;
      rows.push(r);
    }
    return {
      name,
      role,
      blocks: [
        { address: "A1", values: [header], style: "header" as const },
        { address: "A2", values: rows, numberFormat: "0.000" },
      ],
    };
  };
  return {
    index: new PlanIndex(),
    areas: n,
    meta: { builtAt: "", version: "0.1.0", spec: "hln", dataStatus: {} },
    sheets: [
      {
        name: "HLN Weights",
        role: "weights",
        blocks: [
          {
            address: "B4",
            values: [[0.225], [0.1], [0.225], [0.225], [0.225]],
            style: "input",
          },
        ],
      },
      sheet("HLN Data", "data", 50, 6),
      sheet("HLN Indicators", "indicators", 64, 1),
      sheet("HLN Normal", "normal", 32, 1),
      sheet("HLN Dimensions", "dimensions", 24, 1),
      sheet("HLN Score", "score", 10, 3),
    ],
    names: [{ name: "HLN_Constant", ref: "'HLN Weights'!$B$10" }],
  };
}
