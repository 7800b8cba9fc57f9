/**
 * Issue 12: never lose a user's work. Rebuilds on the writer's in-memory Excel (through the real
 * controller and excel.ts) cancelled at every sync, then failed at every sync with the failing sync
 * applying half its operations; concurrent builds; Weights cells, sheets and user cells that used to
 * be silently defaulted or erased.
 */
import { hlnSpec } from "../../src/core/specs";
import type { Bundle } from "../../src/data/bundle";
import { loadBundleFromDir } from "../../src/data/node";
import {
  type BuildAnswer,
  type BuildQuestion,
  type BuildRequest,
  buildInWorkbook,
  workbookSettings,
} from "../../src/taskpane/controller";
import { checkWorkbook, excel } from "../../src/taskpane/excel";
import { paneOptionsFromSpec } from "../../src/taskpane/model";
import { STALE_LOCK_MS } from "../../src/workbook/buildState";
import { BUILDING_TAB, INCOMPLETE_TAB, STATUS_KEY } from "../../src/workbook/officeWriter";
import { installExcel } from "../helpers/excelGlobal";
import { FakeWorkbook, resolveReference, rowOf } from "../helpers/fakeExcel";
import { subsetBundle } from "../workbook/helpers";

let sub: Bundle;
beforeAll(() => {
  sub = subsetBundle(loadBundleFromDir(), 120, 2);
});

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
let clock = T0;
const USER_REFS = ["'HLN Score'!C3", "'HLN Weights'!B5", "'HLN LA'!B4"];

function build(wb: FakeWorkbook, extra: Partial<BuildRequest> = {}, owner = "pane-a") {
  installExcel(wb);
  return buildInWorkbook(
    {
      spec: hlnSpec,
      bundle: sub,
      pane: paneOptionsFromSpec(hlnSpec),
      choice: "rebuild",
      builtAt: "2026-12-01T09:00:00.000Z",
      session: { owner, label: `test ${owner}`, now: () => clock, settle: () => Promise.resolve() },
      ...extra,
    },
    excel,
  );
}

/** Everything of the HLN sheets and names except the state sheet (its lock times). */
function hlnSnapshot(wb: FakeWorkbook): string {
  const sheets = wb.sheets
    .filter((s) => s.name.startsWith("HLN ") && s.name !== "HLN State")
    .map((s) => [s.name, s.snapshot(), s.visibility, [...s.columnWidths], [...s.charts.keys()].sort()]);
  return JSON.stringify([sheets, [...wb.names].sort()]);
}

/** A workbook with a first build, the user's own sheet pointing into it and an edited weight. */
async function userBuild(): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook(["Mine"]);
  await build(wb);
  const mine = wb.sheet("Mine")!;
  USER_REFS.forEach((ref, k) => mine.cells.set(mine.key(k, 0), { v: null, f: `=${ref}` }));
  const w = wb.sheet("HLN Weights")!;
  w.get(rowOf(w, "crime"), 1)!.v = 0.5;
  return wb;
}

let base: FakeWorkbook;
let reference: string;
let rebuildSyncs: number;
beforeAll(async () => {
  base = await userBuild();
  const wb = base.clone();
  const n0 = wb.syncs.length;
  const out = await build(wb);
  expect(out.status).toBe("complete");
  expect(out.settings.weights.crime).toBe(0.5);
  rebuildSyncs = wb.syncs.length - n0;
  reference = hlnSnapshot(wb);
}, 60_000);

/** The invariants after an interrupted rebuild, then Rebuild (keep my weights) from a fresh pane. */
async function expectSafeThenRecover(wb: FakeWorkbook, what: string): Promise<void> {
  const mine = wb.sheet("Mine")!;
  // no user sheet or reference touched, and every reference still resolves
  expect(mine.snapshot()).toBe(base.sheet("Mine")!.snapshot());
  for (const ref of USER_REFS) expect(resolveReference(wb, ref)).not.toBe("#REF!");
  installExcel(wb);
  const check = await checkWorkbook();
  // the user's weights: on the Weights sheet if it is complete, else in the saved settings
  expect(workbookSettings(check, hlnSpec)!.settings.weights.crime).toBe(0.5);
  expect(check.legacy).toBeNull();
  // every HLN sheet that is not complete is marked
  for (const s of wb.sheets.filter((x) => x.name.startsWith("HLN ") && x.name !== "HLN State")) {
    if (s.props.get(STATUS_KEY) === "complete") continue;
    expect([BUILDING_TAB, INCOMPLETE_TAB]).toContain(s.tabColor);
    expect(String(s.at("A1"))).toMatch(/^(Build (cancelled|failed) at step|Building…)/);
    expect(check.incomplete).toContain(s.name);
  }
  // Rebuild (keep my weights), from another pane: exactly the uninterrupted rebuild
  wb.failAtSync = undefined;
  wb.beforeSync = undefined;
  const out = await build(wb, {}, "pane-b");
  expect({ what, status: out.status }).toEqual({ what, status: "complete" });
  expect(hlnSnapshot(wb) === reference ? "equal" : what).toBe("equal");
  expect(wb.sheet("Mine")!.snapshot()).toBe(base.sheet("Mine")!.snapshot());
}

test("a rebuild cancelled at every sync: weights intact, user references resolve, incomplete sheets marked, the next rebuild is exact", async () => {
  expect(rebuildSyncs).toBeGreaterThan(20);
  for (let k = 1; k <= rebuildSyncs; k++) {
    const wb = base.clone();
    const n0 = wb.syncs.length;
    let cancelled = false;
    wb.beforeSync = (n) => {
      if (n - n0 >= k) cancelled = true;
    };
    const out = await build(wb, { isCancelled: () => cancelled });
    expect(out.status === "cancelled" || k >= rebuildSyncs - 3).toBe(true);
    await expectSafeThenRecover(wb, `cancel at sync ${k}`);
  }
}, 600_000);

test("a rebuild failing at every sync (the failing sync applies half its operations): the same guarantees", async () => {
  for (let k = 1; k <= rebuildSyncs; k++) {
    const wb = base.clone();
    wb.failAtSync = wb.syncs.length + k;
    wb.failApplies = 0.5;
    const r = await build(wb).then(
      (out) => out.report!.warnings.join("; "), // a chart that fails is a warning: the sheets are complete
      (e: Error) => e.message,
    );
    expect(r).toMatch(/injected failure/);
    await expectSafeThenRecover(wb, `failure at sync ${k}`);
  }
}, 600_000);

test("case 1: cancel during Preparing sheets keeps the previous build and the edited weight", async () => {
  const wb = base.clone();
  const before = wb.sheet("HLN Score")!.cells.size;
  let cancelled = false;
  const out = await build(wb, {
    isCancelled: () => cancelled,
    onProgress: (p) => {
      if (p.step === "Preparing sheets") cancelled = true;
    },
  });
  expect(out.status).toBe("cancelled");
  // HLN Score was not reached: its cells are the previous build's (only the note in A1 changed)
  expect(wb.sheet("HLN Score")!.cells.size).toBe(before);
  const w = wb.sheet("HLN Weights")!;
  expect(w.get(rowOf(w, "crime"), 1)!.v).toBe(0.5);
  installExcel(wb);
  expect(workbookSettings(await checkWorkbook(), hlnSpec)!.settings.weights.crime).toBe(0.5);
});

test("case 2: two first builds at once — one builds, the other refuses naming when the first started", async () => {
  const wb = new FakeWorkbook(["Mine"]);
  const [a, b] = await Promise.allSettled([build(wb, {}, "pane-a"), build(wb, {}, "pane-b")]);
  const done = [a, b].filter((r) => r.status === "fulfilled");
  const refused = [a, b].filter((r) => r.status === "rejected") as PromiseRejectedResult[];
  expect(done).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(String(refused[0].reason.message)).toMatch(
    /another build of these HLN sheets \(test pane-.\) is running: it started at \d\d:\d\d on /,
  );
  expect(String(refused[0].reason.message)).not.toMatch(/ItemAlreadyExists/);
  for (const s of wb.sheets.filter((x) => x.name.startsWith("HLN ") && x.name !== "HLN State")) {
    expect(s.props.get(STATUS_KEY)).toBe("complete");
    expect(s.tabColor).not.toBe(INCOMPLETE_TAB);
  }
});

test("case 2: two rebuilds at once — the loser refuses before writing and marks nothing", async () => {
  const wb = base.clone();
  const [a, b] = await Promise.allSettled([build(wb, {}, "pane-a"), build(wb, {}, "pane-b")]);
  expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
  const refused = [a, b].find((r) => r.status === "rejected") as PromiseRejectedResult;
  expect(String(refused.reason.message)).toMatch(/another build of these HLN sheets .* started at/);
  expect(hlnSnapshot(wb)).toBe(reference);
});

test("a lock with no progress for 10 minutes is stale: the pane asks to break it; a fresh one refuses", async () => {
  const wb = base.clone();
  const state = wb.sheet("HLN State")!;
  const set = (r: number, v: unknown) => state.cells.set(`${r},1`, { v });
  set(2, "pane-other");
  set(3, "someone else's pane");
  set(4, clock - STALE_LOCK_MS - 120_000);
  set(5, clock - STALE_LOCK_MS - 60_000);
  const asked: BuildQuestion[] = [];
  await expect(build(wb, { ask: async (q) => (asked.push(q), "cancel") })).rejects.toThrow(
    /no progress since .*Break its lock/,
  );
  expect(asked.map((q) => q.kind)).toEqual(["stale-lock"]);
  const out = await build(wb, { ask: async (q) => (q.kind === "stale-lock" ? "break" : "proceed") });
  expect(out.status).toBe("complete");
  // a fresh lock: refused, naming the start
  set(2, "pane-other");
  set(3, "someone else's pane");
  set(4, clock - 60_000);
  set(5, clock - 30_000);
  await expect(build(wb)).rejects.toThrow(/another build of these HLN sheets \(someone else's pane\) is running/);
});

test("case 3: invalid Weights cells are listed before a rebuild; cancel changes nothing, defaults makes pane and workbook agree", async () => {
  const wb = base.clone();
  const w = wb.sheet("HLN Weights")!;
  w.get(rowOf(w, "crime"), 1)!.v = "abc";
  w.get(rowOf(w, "energy"), 1)!.v = "0,4";
  w.get(rowOf(w, "fuel_poverty"), 1)!.v = -0.2;
  Object.assign(w.get(rowOf(w, "growth"), 1)!, { v: "#DIV/0!", f: "=1/0" });
  w.get(rowOf(w, "Offset"), 1)!.v = "IOD";
  const before = hlnSnapshot(wb);
  const asked: BuildQuestion[] = [];
  const answer = (a: BuildAnswer) => async (q: BuildQuestion) => (
    asked.push(q),
    q.kind === "weights-problems" ? a : "proceed"
  );
  await expect(build(wb, { ask: answer("cancel") })).rejects.toThrow(/fix the Weights cells/);
  expect(hlnSnapshot(wb)).toBe(before);
  const q = asked[0] as Extract<BuildQuestion, { kind: "weights-problems" }>;
  expect(q.kind).toBe("weights-problems");
  expect(q.problems.map((p) => p.cell).sort()).toEqual(
    ["crime", "energy", "fuel_poverty", "growth", "Offset"].map((id) => `'HLN Weights'!B${rowOf(w, id) + 1}`).sort(),
  );
  expect(q.problems.find((p) => p.value === "#DIV/0!")!.why).toMatch(/error #DIV\/0!/);
  const out = await build(wb, { ask: answer("defaults") });
  expect(out.status).toBe("complete");
  // pane and workbook compute from the same settings: the sheet now holds what the core used
  installExcel(wb);
  const again = workbookSettings(await checkWorkbook(), hlnSpec)!;
  expect(again.problems).toEqual([]);
  expect(again.settings).toEqual(out.settings);
});

test("case 3: a renamed Weights sheet is found by its role: the pane asks, renames it back and keeps its edits", async () => {
  const wb = base.clone();
  installExcel(wb);
  await excel.renameSheet("HLN Weights", "My weights");
  expect(wb.sheet("Mine")!.at("A2")).toBe("='My weights'!B5"); // Excel's references follow a rename
  const asked: BuildQuestion[] = [];
  await expect(build(wb, { ask: async (q) => (asked.push(q), "cancel") })).rejects.toThrow(/renamed to My weights/);
  expect(asked[0]).toMatchObject({ kind: "weights-renamed", expected: "HLN Weights", renamedTo: "My weights" });
  const out = await build(wb, { ask: async (q) => (q.kind === "weights-renamed" ? "use" : "proceed") });
  expect(out.settings.weights.crime).toBe(0.5);
  expect(wb.sheet("My weights")).toBeUndefined();
  expect(wb.sheets.filter((s) => s.name === "HLN Weights")).toHaveLength(1);
  expect(wb.sheet("Mine")!.at("A2")).toBe("='HLN Weights'!B5");
  expect(hlnSnapshot(wb)).toBe(reference);
});

test("case 3: a deleted Weights sheet is detected by the index: the pane offers the saved settings instead of silent defaults", async () => {
  const wb = base.clone();
  await build(wb); // saves crime 0.5 as this build's settings
  wb.sheets = wb.sheets.filter((s) => s.name !== "HLN Weights");
  const asked: BuildQuestion[] = [];
  await expect(build(wb, { ask: async (q) => (asked.push(q), "cancel") })).rejects.toThrow(/HLN Weights is missing/);
  expect(asked[0]).toMatchObject({ kind: "weights-missing", expected: "HLN Weights", saved: true });
  const out = await build(wb, { ask: async (q) => (q.kind === "weights-missing" ? "saved" : "proceed") });
  expect(out.settingsFrom).toBe("saved");
  expect(out.settings.weights.crime).toBe(0.5);
  const w = wb.sheet("HLN Weights")!;
  expect(w.get(rowOf(w, "crime"), 1)!.v).toBe(0.5);
});

test("case 3: cells a user typed into HLN sheets are found before a rebuild: cancel, or copy them to a sheet of their own", async () => {
  const wb = base.clone();
  wb.put("HLN Score", "Z10", [["my note"]]);
  wb.put("HLN LA", "AB2", [[42], [2]]);
  wb.sheet("HLN LA")!.get(2, 27)!.f = "=1+1";
  const before = hlnSnapshot(wb);
  const asked: BuildQuestion[] = [];
  await expect(
    build(wb, { ask: async (q) => (asked.push(q), q.kind === "user-content" ? "cancel" : "proceed") }),
  ).rejects.toThrow(/3 cell\(s\) you filled/);
  expect(hlnSnapshot(wb)).toBe(before);
  const q = asked[0] as Extract<BuildQuestion, { kind: "user-content" }>;
  expect(q.cells.map((c) => `${c.sheet}!${c.address}`).sort()).toEqual(["HLN LA!AB2", "HLN LA!AB3", "HLN Score!Z10"]);
  const out = await build(wb, { ask: async (q2) => (q2.kind === "user-content" ? "copy" : "proceed") });
  expect(out.copiedTo).toBe("Copied from HLN sheets");
  const copy = wb.sheet("Copied from HLN sheets")!;
  expect([copy.at("A1"), copy.at("B1"), copy.at("C1"), copy.at("D1")]).toEqual(["Sheet", "Cell", "Value", "Formula"]);
  const rows = [2, 3, 4].map((r) => [copy.at(`A${r}`), copy.at(`B${r}`), copy.at(`D${r}`)]);
  expect(rows).toEqual(
    expect.arrayContaining([
      ["HLN Score", "Z10", null],
      ["HLN LA", "AB2", null],
      ["HLN LA", "AB3", "=1+1"],
    ]),
  );
  expect(wb.sheet("HLN Score")!.at("Z10")).toBeNull();
  expect(hlnSnapshot(wb)).toBe(reference);
});

test("a first build cancelled at every sync removes what it added: the workbook is as it was", async () => {
  const fresh = new FakeWorkbook(["Mine"]);
  fresh.put("Mine", "A1", [["my budget"]]);
  const probe = fresh.clone();
  await build(probe);
  const syncs = probe.syncs.length;
  for (let k = 1; k < syncs; k++) {
    const wb = fresh.clone();
    let cancelled = false;
    wb.beforeSync = (n) => {
      if (n >= k) cancelled = true;
    };
    const out = await build(wb, { isCancelled: () => cancelled });
    if (out.status === "complete") continue; // cancelled after the last batch
    expect(wb.sheets.map((s) => s.name)).toEqual(["Mine"]);
    expect(wb.names.size).toBe(0);
  }
}, 300_000);

test("Restore the previous build: after an interrupted rebuild with new pane settings, the build before it comes back exactly", async () => {
  const wb = base.clone();
  let cancelled = false;
  const pane = { ...paneOptionsFromSpec(hlnSpec) };
  pane.settings = { ...pane.settings, weights: { ...pane.settings.weights, growth: 0.3 } };
  pane.fromPane = ["weight:growth"];
  const out = await build(wb, {
    pane,
    isCancelled: () => cancelled,
    onProgress: (p) => {
      if (p.phase === "values") cancelled = true;
    },
  });
  expect(out.status).toBe("cancelled");
  installExcel(wb);
  const check = await checkWorkbook();
  expect(check.incomplete.length).toBeGreaterThan(0);
  expect(check.state.status).toBe("cancelled");
  const restored = await build(wb, { source: "previous", pane });
  expect(restored.settingsFrom).toBe("previous");
  expect(restored.settings.weights.growth).toBe(0.225);
  expect(restored.settings.weights.crime).toBe(0.5);
  expect(hlnSnapshot(wb)).toBe(reference);
});
