import { cellAddress, colIndex as columnIndex, colLetter as columnLetters, parseRange } from "../../src/workbook/a1";
import { MAX_SYNC_PAYLOAD, sanitizeCell, scheduleWrites } from "../../src/workbook/chunks";
import {
  BUILDING_NOTE,
  freeSuffix,
  INCOMPLETE_TAB,
  OWNER_KEY,
  STATUS_KEY,
  writeWorkbookPlan,
  WorkbookWriteError,
} from "../../src/workbook/officeWriter";
import { FakeWorkbook } from "../helpers/fakeExcel";
import { mockContext } from "../helpers/mockContext";
import { fullSizePlan, smallPlan } from "../helpers/plans";

const PLAN_SHEETS = ["HLN About", "HLN Weights", "HLN Data", "HLN Score"];
/** The plan's sheets and the hidden state sheet (the lock and the saved settings). */
const WRITTEN = [...PLAN_SHEETS, "HLN State"];
const noPause = () => Promise.resolve();

function userWorkbook(): FakeWorkbook {
  const wb = new FakeWorkbook(["Budget", "Notes"]);
  wb.put("Budget", "A1", [
    ["Item", "Cost"],
    ["Rent", 1200],
    ["Food", 300],
  ]);
  wb.put("Notes", "C3", [["keep me"]]);
  return wb;
}

describe("A1 helpers and sanitising", () => {
  test("columns and ranges", () => {
    expect(columnLetters(0)).toBe("A");
    expect(columnLetters(25)).toBe("Z");
    expect(columnLetters(26)).toBe("AA");
    expect(columnLetters(16383)).toBe("XFD");
    for (let c = 0; c < 2000; c += 37) expect(columnIndex(columnLetters(c))).toBe(c);
    expect(parseRange("B5:D9")).toEqual({ row: 4, col: 1, rows: 5, cols: 3 });
    expect(parseRange("$C$10")).toEqual({ row: 9, col: 2, rows: 1, cols: 1 });
    expect(cellAddress(0, 27)).toBe("AB1");
  });
  test("cells Excel would misread are made safe", () => {
    expect(sanitizeCell(NaN)).toBeNull();
    expect(sanitizeCell(Infinity)).toBeNull();
    expect(sanitizeCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(sanitizeCell("-x")).toBe("'-x");
    expect(sanitizeCell("-1.5")).toBe("-1.5");
    expect(sanitizeCell("E01000001")).toBe("E01000001");
    expect(sanitizeCell(3.25)).toBe(3.25);
  });
});

describe("scheduleWrites", () => {
  test("chunks ≤ 5,000 rows, values before names before formulas, Weights first", () => {
    const plan = smallPlan(12_000);
    const s = scheduleWrites(plan);
    const phases = s.batches.map((b) => b.phase);
    expect(phases.indexOf("names")).toBeGreaterThan(phases.lastIndexOf("values"));
    expect(phases.indexOf("formulas")).toBeGreaterThan(phases.lastIndexOf("names"));
    const firstValues = s.batches[0].ops[0];
    expect(firstValues.kind !== "name" && firstValues.sheet).toBe("HLN Weights");
    for (const b of s.batches) {
      if (b.phase === "values") expect(b.rows).toBeLessThanOrEqual(5_000);
      expect(b.payload).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
      for (const op of b.ops) if (op.kind === "values") expect(op.values.length).toBe(op.rows);
    }
    // the 12,000 data rows arrive in chunks of 5,000 + 5,000 + 2,000
    const dataChunks = s.batches
      .flatMap((b) => b.ops)
      .filter((o) => o.kind === "values" && o.sheet === "HLN Data" && o.rows > 1);
    expect(dataChunks.map((o) => (o.kind === "values" ? o.rows : 0))).toEqual([5_000, 5_000, 2_000]);
    expect(dataChunks.reduce((t, o) => t + (o.kind === "values" ? o.rows : 0), 0)).toBe(12_000);
    expect(Math.max(...dataChunks.map((o) => (o.kind === "values" ? o.rows : 0)))).toBeLessThanOrEqual(5_000);
    // every formula is one anchor cell
    const formulas = s.batches.flatMap((b) => b.ops).filter((o) => o.kind === "formula");
    expect(formulas).toHaveLength(1);
    expect(formulas[0].kind === "formula" && formulas[0].address).toBe("A2");
    expect(s.sheets[0]).toBe("HLN Weights");
  });

  test("a small payload limit cuts chunks further and never exceeds the limit", () => {
    const plan = smallPlan(3_000);
    const s = scheduleWrites(plan, { maxPayload: 20_000, chunkRows: 5_000 });
    expect(s.batches.length).toBeGreaterThan(8);
    for (const b of s.batches) expect(b.payload).toBeLessThanOrEqual(20_000);
    const rows = s.batches.flatMap((b) => b.ops).filter((o) => o.kind === "values" && o.sheet === "HLN Data");
    expect(rows.reduce((t, o) => t + (o.kind === "values" ? o.rows : 0), 0)).toBe(3_001);
  });

  test("full 33,755-row build: every sync ≤ 4 MB", () => {
    const s = scheduleWrites(fullSizePlan());
    expect(s.maxPayload).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
    for (const b of s.batches) if (b.phase === "values") expect(b.rows).toBeLessThanOrEqual(5_000);
    expect(s.totalRows).toBeGreaterThan(5 * 33_755);
    // report for the log
    console.log(`full-size schedule: ${s.batches.length} batches, max payload ${(s.maxPayload / 1e6).toFixed(2)} MB`);
  });
});

describe("writeWorkbookPlan (office-addin-mock context over an in-memory workbook)", () => {
  test("creates the HLN sheets, writes values then formulas, suspends calc and screen updating, never touches user sheets", async () => {
    const wb = userWorkbook();
    const before = {
      budget: wb.sheet("Budget")!.snapshot(),
      notes: wb.sheet("Notes")!.snapshot(),
    };
    const progress: string[] = [];
    const report = await writeWorkbookPlan(mockContext(wb), smallPlan(12_000), {
      mode: "create",
      pause: noPause,
      onProgress: (p) => progress.push(`${p.phase}:${p.rowsWritten}/${p.rowsTotal}`),
    });
    expect(report.status).toBe("complete");
    expect(report.incomplete).toEqual([]);
    expect(report.syncs).toBe(wb.syncs.length);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Budget", "Notes", "HLN State", ...PLAN_SHEETS]);
    expect(wb.sheet("HLN State")!.visibility).toBe("Hidden");
    // content
    const data = wb.sheet("HLN Data")!;
    expect(data.at("A1")).toBe("LSOA21 code");
    expect(data.at("A2")).toBe("E01000000");
    expect(data.at("A12001")).toBe("E01011999");
    expect(data.get(12000, 2)?.nf).toBe("0.000");
    expect(wb.sheet("HLN Score")!.at("A2")).toBe("=HLN.EXPSCORE('HLN Data'!C2:C12001,HLN_Constant)");
    expect(wb.sheet("HLN Score")!.at("A3")).toBeNull(); // spill cells are Excel's, not written
    expect(wb.sheet("HLN About")!.at("A5")).toBe("=not a formula"); // text, not a formula
    expect(wb.sheet("HLN About")!.get(4, 0)?.f).toBeUndefined();
    expect(wb.sheet("HLN Weights")!.at("A1")).toBe("Weights");
    expect(wb.sheet("HLN Weights")!.frozen).toBe("rows:3");
    expect(wb.sheet("HLN Data")!.frozen).toBe("at:A1:B1");
    expect(wb.sheet("HLN About")!.tabColor).toBe("#1F3864");
    expect(wb.sheet("HLN Weights")!.get(3, 1)?.fmt?.["fill.color"]).toBe("#FFF2CC");
    expect([...wb.names.keys()]).toEqual(["HLN_Weight_growth", "HLN_Constant"]);
    for (const n of PLAN_SHEETS) {
      expect(wb.sheet(n)!.props.get(OWNER_KEY)).toBe("0.1.0");
      expect(wb.sheet(n)!.at("A1")).not.toBe(BUILDING_NOTE);
    }
    // user sheets unchanged, and no sync touched them
    expect(wb.sheet("Budget")!.snapshot()).toBe(before.budget);
    expect(wb.sheet("Notes")!.snapshot()).toBe(before.notes);
    for (const s of wb.syncs) for (const t of s.touched) expect(WRITTEN).toContain(t);
    // every write sync suspended calculation and screen updating; payloads ≤ 4 MB
    // (the last sync recalculates and releases the lock: calculation is not suspended there)
    const writes = wb.syncs.slice(0, -1).filter((s) => s.touched.length > 0);
    expect(writes.length).toBeGreaterThanOrEqual(5);
    for (const s of writes) {
      expect(s.calcSuspended).toBe(true);
      expect(s.screenSuspended).toBe(true);
      expect(s.payload).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
    }
    // values first, then formulas
    const formulaSyncs = wb.syncs.map((s, i) => (s.formulaWrites > 0 ? i : -1)).filter((i) => i >= 0);
    // (every batch also writes the lock's progress time on the state sheet)
    const valueSyncs = wb.syncs
      .map((s, i) => (s.valueSheets.some((n) => PLAN_SHEETS.includes(n)) ? i : -1))
      .filter((i) => i >= 0);
    expect(formulaSyncs).toHaveLength(1);
    // every values sync comes before the formulas (except the final one, which may clear notes)
    for (const i of valueSyncs) if (i !== wb.syncs.length - 1) expect(i).toBeLessThan(formulaSyncs[0]);
    expect(wb.calculations).toBe(1);
    expect(progress[progress.length - 1]).toBe(`finish:${report.rowsTotal}/${report.rowsTotal}`);
    expect(report.rowsWritten).toBe(report.rowsTotal);
  });

  test("a plan sheet name used by a user sheet is a conflict: nothing is written", async () => {
    const wb = userWorkbook();
    wb.sheets.push(new (wb.sheets[0].constructor as new (n: string) => (typeof wb.sheets)[0])("HLN Data"));
    wb.put("HLN Data", "A1", [["my own data"]]);
    const snap = wb.sheets.map((s) => s.snapshot());
    await expect(
      writeWorkbookPlan(mockContext(wb), smallPlan(100), {
        mode: "rebuild",
        pause: noPause,
      }),
    ).rejects.toMatchObject({
      code: "SHEET_CONFLICT",
    });
    expect(wb.sheets.map((s) => s.snapshot())).toEqual(snap);
    expect(wb.sheets).toHaveLength(3);
    expect(wb.syncs.every((s) => s.touched.length === 0)).toBe(true);
  });

  test("create refuses when the add-in's sheets exist; Build a new copy uses a free suffix", async () => {
    const wb = userWorkbook();
    await writeWorkbookPlan(mockContext(wb), smallPlan(50), {
      mode: "create",
      pause: noPause,
    });
    await expect(
      writeWorkbookPlan(mockContext(wb), smallPlan(50), {
        mode: "create",
        pause: noPause,
      }),
    ).rejects.toBeInstanceOf(WorkbookWriteError);
    const suffix = freeSuffix(
      PLAN_SHEETS,
      wb.sheets.map((s) => s.name),
    );
    expect(suffix).toBe(" (2)");
    const first = PLAN_SHEETS.map((n) => wb.sheet(n)!.snapshot());
    const r = await writeWorkbookPlan(mockContext(wb), smallPlan(50, suffix), {
      mode: "create",
      pause: noPause,
    });
    expect(r.status).toBe("complete");
    expect(wb.sheet("HLN Data (2)")!.at("A2")).toBe("E01000000");
    expect(PLAN_SHEETS.map((n) => wb.sheet(n)!.snapshot())).toEqual(first); // the first build is untouched
    expect(wb.names.has("HLN_Constant_2")).toBe(true);
  });

  test("Rebuild rewrites the add-in's sheets in place with the plan (settings come from the plan, not the writer)", async () => {
    const wb = userWorkbook();
    await writeWorkbookPlan(mockContext(wb), smallPlan(200), { mode: "create", pause: noPause });
    // the user edits a weight and scribbles on a derived sheet
    wb.put("HLN Weights", "B5", [[0.3]]);
    wb.put("HLN Data", "C2", [[999]]);
    wb.put("HLN Data", "Z50", [["stray"]]);
    const budget = wb.sheet("Budget")!.snapshot();
    const report = await writeWorkbookPlan(mockContext(wb), smallPlan(200), { mode: "rebuild", pause: noPause });
    expect(report.status).toBe("complete");
    const w = wb.sheet("HLN Weights")!;
    // the writer writes the plan: reading the user's settings is the Weights codec's job, before planning
    expect(w.at("B5")).toBe(0.1);
    expect(w.get(4, 1)?.fmt?.["fill.color"]).toBe("#FFF2CC");
    expect(wb.sheet("HLN Data")!.at("C2")).toBe(smallPlan(200).sheets[2].blocks[1].values![0][2]);
    expect(wb.sheet("HLN Data")!.at("Z50")).toBeNull(); // cleared: the add-in's sheet is rewritten
    expect(wb.sheets.map((s) => s.name)).toEqual(["Budget", "Notes", "HLN State", ...PLAN_SHEETS]); // same sheets, no copies
    expect([...wb.names.keys()].sort()).toEqual(["HLN_Constant", "HLN_Weight_growth"]);
    expect(wb.sheet("Budget")!.snapshot()).toBe(budget);
  });

  test("a kept sheet (the Scenarios sheet) is written when missing and left as it is by a rebuild", async () => {
    const withKept = () => {
      const p = smallPlan(60);
      p.sheets.push({
        name: "HLN Scenarios",
        role: "scenarios",
        blocks: [{ address: "A4", values: [["Setting", "Meaning", "the spec's settings"]], style: "header" }],
        keep: true,
      });
      return p;
    };
    const wb = userWorkbook();
    const first = await writeWorkbookPlan(mockContext(wb), withKept(), { mode: "create", pause: noPause });
    expect(first.kept).toEqual([]);
    expect(wb.sheet("HLN Scenarios")!.at("C4")).toBe("the spec's settings");
    // the user saves a scenario in the next column and edits a weight
    wb.put("HLN Scenarios", "D4", [["more growth"]]);
    wb.put("HLN Scenarios", "D5", [[0.35]]);
    wb.put("HLN Weights", "B5", [[0.3]]);
    const kept = wb.sheet("HLN Scenarios")!.snapshot();
    const report = await writeWorkbookPlan(mockContext(wb), withKept(), { mode: "rebuild", pause: noPause });
    expect(report.status).toBe("complete");
    expect(report.kept).toEqual(["HLN Scenarios"]);
    expect(wb.sheet("HLN Scenarios")!.snapshot()).toBe(kept);
    expect(wb.sheet("HLN Weights")!.at("B5")).toBe(0.1); // the other sheets are rewritten
  });

  test("a cancelled first build removes every sheet and name it added: the workbook is as it was", async () => {
    const wb = userWorkbook();
    const before = wb.sheets.map((s) => s.snapshot());
    let batches = 0;
    const report = await writeWorkbookPlan(mockContext(wb), smallPlan(12_000), {
      mode: "create",
      pause: noPause,
      onProgress: (p) => {
        if (p.phase === "values") batches++;
      },
      isCancelled: () => batches >= 2,
    });
    expect(report.status).toBe("cancelled");
    expect(report.warnings).toEqual([]);
    expect(report.removed).toBe(true);
    expect(report.stoppedAt).toMatch(/^Writing values/);
    expect(report.rowsWritten).toBeLessThan(report.rowsTotal);
    expect(wb.sheets.map((s) => s.snapshot())).toEqual(before);
    expect(wb.names.size).toBe(0);
    for (const s of wb.syncs) for (const t of s.touched) expect(WRITTEN).toContain(t);
  });

  test("Cancel mid-rebuild: sheets not reached keep the previous build, incomplete ones are marked, a rebuild completes", async () => {
    const wb = userWorkbook();
    await writeWorkbookPlan(mockContext(wb), smallPlan(12_000), { mode: "create", pause: noPause });
    const score = wb.sheet("HLN Score")!.snapshot();
    const before = wb.sheets.slice(0, 2).map((s) => s.snapshot());
    let batches = 0;
    const report = await writeWorkbookPlan(mockContext(wb), smallPlan(12_000), {
      mode: "rebuild",
      pause: noPause,
      onProgress: (p) => {
        if (p.phase === "values") batches++;
      },
      isCancelled: () => batches >= 2,
    });
    expect(report.status).toBe("cancelled");
    expect(report.removed).toBe(false);
    expect(report.incomplete).toEqual(expect.arrayContaining(["HLN Data", "HLN Score"]));
    for (const n of report.incomplete) {
      expect(String(wb.sheet(n)!.at("A1"))).toMatch(
        /^Build cancelled at step "Writing values: .*"; rebuild to complete/,
      );
      expect(wb.sheet(n)!.tabColor).toBe(INCOMPLETE_TAB);
      expect(wb.sheet(n)!.props.get(STATUS_KEY)).toBe("incomplete");
    }
    // the formulas of HLN Score were not reached: its cells (below the note) are the previous build's
    const scoreNow = wb.sheet("HLN Score")!;
    expect(scoreNow.at("A2")).toBe("=HLN.EXPSCORE('HLN Data'!C2:C12001,HLN_Constant)");
    expect(score).toContain("HLN.EXPSCORE");
    for (const n of PLAN_SHEETS.filter((x) => !report.incomplete.includes(x))) {
      expect(String(wb.sheet(n)!.at("A1"))).not.toMatch(/cancelled|Building/);
      expect(wb.sheet(n)!.props.get(STATUS_KEY)).toBe("complete");
    }
    expect(wb.sheets.slice(0, 2).map((s) => s.snapshot())).toEqual(before);
    expect(String(wb.sheet("HLN State")!.at("B7"))).toBe("cancelled");
    expect(wb.sheet("HLN State")!.at("B3")).toBeNull(); // the lock is released
    // a rebuild completes it
    const r = await writeWorkbookPlan(mockContext(wb), smallPlan(12_000), { mode: "rebuild", pause: noPause });
    expect(r.status).toBe("complete");
    for (const n of PLAN_SHEETS) {
      expect(String(wb.sheet(n)!.at("A1"))).not.toMatch(/cancelled|Building/);
      expect(wb.sheet(n)!.props.get(STATUS_KEY)).toBe("complete");
    }
    expect(wb.sheet("HLN Data")!.tabColor).toBe("");
    expect(wb.sheet("HLN About")!.tabColor).toBe("#1F3864");
  });

  test("a failing sync: a first build removes its sheets; a rebuild notes the incomplete sheets and reports the step", async () => {
    const wb = userWorkbook();
    const before = wb.sheets.map((s) => s.snapshot());
    wb.failAtSync = 8; // inspect 1, lock 3, inspect 1, prepare, first values batch → the second values batch fails
    await expect(
      writeWorkbookPlan(mockContext(wb), smallPlan(12_000), { mode: "create", pause: noPause }),
    ).rejects.toMatchObject({ code: "WRITE_FAILED" });
    expect(wb.sheets.map((s) => s.snapshot())).toEqual(before);
    wb.failAtSync = undefined;
    await writeWorkbookPlan(mockContext(wb), smallPlan(12_000), { mode: "create", pause: noPause });
    wb.failAtSync = wb.syncs.length + 10;
    wb.failApplies = 0.5;
    await expect(
      writeWorkbookPlan(mockContext(wb), smallPlan(12_000), { mode: "rebuild", pause: noPause }),
    ).rejects.toMatchObject({ code: "WRITE_FAILED", message: expect.stringMatching(/^Writing /) });
    expect(String(wb.sheet("HLN Score")!.at("A1"))).toMatch(/^Build failed at step/);
    expect(wb.sheet("HLN Score")!.tabColor).toBe(INCOMPLETE_TAB);
    expect(wb.sheet("Budget")!.at("B2")).toBe(1200);
  });

  test("full 33,755-row build: chunk sizes, every sync's payload ≤ 4 MB, number of syncs", async () => {
    const wb = new FakeWorkbook(["Sheet1"]);
    wb.recordOnly = true;
    const report = await writeWorkbookPlan(mockContext(wb), fullSizePlan(), {
      mode: "create",
      pause: noPause,
    });
    expect(report.status).toBe("complete");
    const measured = Math.max(...wb.syncs.map((s) => s.payload));
    expect(measured).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
    expect(report.maxPayload).toBeLessThanOrEqual(MAX_SYNC_PAYLOAD);
    expect(report.syncs).toBe(wb.syncs.length);
    // the estimate tracks what the fake measured (JSON of the queued data) within 5 %
    expect(Math.abs(report.maxPayload - measured) / measured).toBeLessThan(0.05);
    console.log(
      `full build: ${report.syncs} syncs, ${report.batches} batches, largest payload ${(report.maxPayload / 1e6).toFixed(2)} MB (measured ${(measured / 1e6).toFixed(2)} MB)`,
    );
  });
});
