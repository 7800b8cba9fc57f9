/**
 * Issue 14 in the task pane: "a workbook to share" (native formulas) built through the controller and
 * the Office.js writer on the in-memory Excel — every computed cell of the plan lands in its cell
 * (spilling formulas at their anchors, per-cell running sums in every row), no HLN.* call anywhere,
 * every sync within the 4 MB schedule, and a rebuild keeps the mode the workbook was built in.
 */
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import { buildInWorkbook, builtFormulas } from "../../src/taskpane/controller";
import { checkWorkbook, excel } from "../../src/taskpane/excel";
import { defaultSettings } from "../../src/core/settings";
import { buildPaneWorkbook, type FormulaChoice, paneOptionsFromSpec } from "../../src/taskpane/model";
import { parseCell } from "../../src/workbook/a1";
import { MAX_SYNC_PAYLOAD, scheduleWrites } from "../../src/workbook/chunks";
import type { WorkbookPlan } from "../../src/workbook/planTypes";
import { installExcel } from "../helpers/excelGlobal";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { subsetBundle } from "../workbook/helpers";

let sub: Bundle;
beforeAll(() => {
  sub = subsetBundle(loadBundleFromDir(), 300, 3);
});

const build = (wb: FakeWorkbook, formulas?: FormulaChoice) => {
  installExcel(wb);
  return buildInWorkbook(
    { spec: hlnSpec, bundle: sub, pane: paneOptionsFromSpec(hlnSpec), choice: "rebuild", formulas },
    excel,
  );
};

/** Every formula cell of the plan, as "sheet!A1" → formula text. */
function planFormulas(plan: WorkbookPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of plan.sheets)
    for (const b of s.blocks) {
      if (b.formula === undefined) continue;
      const { row, col } = parseCell(b.address.split(":")[0]);
      const cells = b.cellFormulas ?? [b.formula];
      cells.forEach((f, i) => out.set(`${s.name}!${row + i},${col}`, f));
    }
  return out;
}

test("native mode: every computed cell of the plan is written, with no HLN.* function", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  const out = await build(wb, { formulas: "native", auditColumns: true });
  expect(out.status).toBe("complete");
  expect(out.plan.formulas).toBe("native");
  const want = planFormulas(out.plan);
  const perCell = out.plan.sheets.flatMap((s) => s.blocks).filter((b) => b.cellFormulas);
  expect(perCell.length).toBeGreaterThan(0); // the running sums of the LA sheet
  let checked = 0;
  for (const [key, f] of want) {
    const [sheet, rc] = key.split("!");
    const [r, c] = rc.split(",").map(Number);
    expect(`${key} ${wb.sheet(sheet)!.get(r, c)?.f}`).toBe(`${key} ${f}`);
    expect(f).not.toMatch(/HLN\./);
    checked++;
  }
  expect(checked).toBeGreaterThan(perCell.reduce((n, b) => n + b.cellFormulas!.length, 0));
  for (const s of wb.syncs) expect(s.payload).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
});

test("a rebuild keeps the workbook's formula mode (and compact); the pane's choice wins when given", async () => {
  const wb = new FakeWorkbook([]);
  await build(wb, { formulas: "native", auditColumns: false });
  installExcel(wb);
  expect(builtFormulas(await checkWorkbook())).toEqual({ formulas: "native", auditColumns: false });
  const again = await build(wb); // no choice from the pane: the index's mode
  expect(again.rebuild).toBe(true);
  expect(again.plan.formulas).toBe("native");
  expect(again.plan.index.has("build:compact")).toBe(true);
  const addin = await build(wb, { formulas: "addin", auditColumns: true });
  expect(addin.plan.formulas).toBe("addin");
  installExcel(wb);
  expect(builtFormulas(await checkWorkbook())).toEqual({ formulas: "addin", auditColumns: true });
  // no native-only sheet is left behind by the switch back to add-in formulas
  expect(wb.sheet("HLN Score")!.get(2, 1)?.f ?? "").toMatch(/HLN\./);
});

/** The plan's per-cell formula cells ("sheet!row,col"). */
function perCellKeys(plan: WorkbookPlan): string[] {
  const out: string[] = [];
  for (const s of plan.sheets)
    for (const b of s.blocks) {
      if (!b.cellFormulas) continue;
      const { row, col } = parseCell(b.address.split(":")[0]);
      b.cellFormulas.forEach((_, i) => out.push(`${s.name}!${row + i},${col}`));
    }
  return out;
}

test("per-cell formula columns are cut into chunks of ≤ chunkRows rows within the payload, each row written once", () => {
  const { plan } = buildPaneWorkbook(hlnSpec, sub, defaultSettings(hlnSpec), {
    formulas: { formulas: "native", auditColumns: true },
  });
  const s = scheduleWrites(plan, { chunkRows: 40, maxPayload: 20_000 });
  const written = new Map<string, number>();
  for (const o of s.batches.flatMap((b) => b.ops)) {
    if (o.kind !== "formulas") continue;
    expect(o.rows).toBeLessThanOrEqual(40);
    expect(o.formulas).toHaveLength(o.rows);
    const { row, col } = parseCell(o.address.split(":")[0]);
    o.formulas.forEach(([f], i) => {
      const k = `${o.sheet}!${row + i},${col}`;
      expect(f).toBe(planFormulas(plan).get(k));
      written.set(k, (written.get(k) ?? 0) + 1);
    });
  }
  expect([...written.keys()].sort()).toEqual(perCellKeys(plan).sort());
  expect([...written.values()].every((n) => n === 1)).toBe(true);
  for (const b of s.batches) expect(b.payload).toBeLessThanOrEqual(20_000);
});

test("Finish the rebuild keeps the interrupted build's mode; Restore the previous build keeps the previous one", async () => {
  const wb = new FakeWorkbook([]);
  await build(wb, { formulas: "addin", auditColumns: true });
  // a switch to a compact native workbook, cancelled at its first batch of values
  let cancelled = false;
  installExcel(wb);
  const out = await buildInWorkbook(
    {
      spec: hlnSpec,
      bundle: sub,
      pane: paneOptionsFromSpec(hlnSpec),
      choice: "rebuild",
      formulas: { formulas: "native", auditColumns: false },
      isCancelled: () => cancelled,
      onProgress: (p) => {
        if (p.phase === "values") cancelled = true;
      },
    },
    excel,
  );
  expect(out.status).toBe("cancelled");
  const again = (source?: "previous") => {
    installExcel(wb);
    return buildInWorkbook(
      { spec: hlnSpec, bundle: sub, pane: paneOptionsFromSpec(hlnSpec), choice: "rebuild", source },
      excel,
    );
  };
  const restore = wb.clone();
  const finished = await again(); // Finish: no mode from the pane (useBuild passes none)
  expect(finished.status).toBe("complete");
  expect(finished.plan.formulas).toBe("native");
  expect(finished.plan.index.has("build:compact")).toBe(true);
  installExcel(restore);
  const restored = await buildInWorkbook(
    { spec: hlnSpec, bundle: sub, pane: paneOptionsFromSpec(hlnSpec), choice: "rebuild", source: "previous" },
    excel,
  );
  expect(restored.plan.formulas).toBe("addin");
});
