/** The state sheet's cells (src/workbook/buildState.ts) and the footprint of a sheet plan (footprint.ts). */
import {
  lockStatus,
  readState,
  type SavedSettings,
  STALE_LOCK_MS,
  STATE_ROW,
  stateSheet,
} from "../../src/workbook/buildState";
import { outsideRects, planFootprint, type Rect } from "../../src/workbook/footprint";

const saved = (n: number): SavedSettings => ({
  values: Array.from({ length: n }, (_, i) => [`id${i}`, i / 7, -1]),
  formulas: Array.from({ length: n }, (_, i) => [`id${i}`, i === 3 ? "=1/0" : i / 7, -1]),
  summaries: ["ward"],
});

test("the saved settings round-trip, across several 30,000-character chunks, and a damaged save does not validate", () => {
  const lock = { owner: "pane-x", label: "a pane", started: 1, progress: 2 };
  const big = saved(3000); // about 90,000 characters of JSON
  const cells = stateSheet(lock, big, saved(2));
  expect(cells[STATE_ROW.target].filter((c) => c !== "").length).toBeGreaterThan(3);
  for (const row of cells) for (const c of row) if (typeof c === "string") expect(c.length).toBeLessThanOrEqual(32_767);
  const back = readState(cells);
  expect(back.problem).toBeUndefined();
  expect(back.target).toEqual(big);
  expect(back.previous).toEqual(saved(2));
  expect(back.lock).toEqual(lock);
  expect(back.status).toBe("building");
  // a chunk lost (a partly written or edited row)
  const damaged = cells.map((r) => [...r]);
  damaged[STATE_ROW.target][2] = "";
  const d = readState(damaged);
  expect(d.target).toBeNull();
  expect(d.problem).toMatch(/saved settings cannot be read/);
  // no chunk starts like a formula
  for (const c of cells[STATE_ROW.target].slice(1)) if (c !== "") expect(String(c)).toMatch(/^\d+:/);
});

test("lock status: free, ours, active, stale after 10 minutes without progress", () => {
  const lock = { owner: "a", label: "", started: 0, progress: 1_000 };
  expect(lockStatus(null, "b", 0)).toBe("free");
  expect(lockStatus(lock, "a", 1e12)).toBe("ours");
  expect(lockStatus(lock, "b", 1_000 + STALE_LOCK_MS)).toBe("active");
  expect(lockStatus(lock, "b", 1_001 + STALE_LOCK_MS)).toBe("stale");
});

test("outsideRects: the parts of a used range outside the plan's blocks, covering every uncovered cell once", () => {
  const covered: Rect[] = [
    { row: 0, col: 0, rows: 1, cols: 1 },
    { row: 1, col: 0, rows: 10, cols: 3 },
    { row: 2, col: 5, rows: 2, cols: 2 },
  ];
  const used: Rect = { row: 0, col: 0, rows: 12, cols: 8 };
  const out = outsideRects(used, covered);
  const key = (r: number, c: number) => `${r},${c}`;
  const inRect = (x: Rect, r: number, c: number) =>
    r >= x.row && r < x.row + x.rows && c >= x.col && c < x.col + x.cols;
  for (let r = 0; r < 12; r++)
    for (let c = 0; c < 8; c++) {
      const hits = out.filter((x) => inRect(x, r, c)).length;
      expect([key(r, c), hits]).toEqual([key(r, c), covered.some((x) => inRect(x, r, c)) ? 0 : 1]);
    }
  expect(out.length).toBeLessThan(20);
  expect(
    planFootprint({ name: "s", role: "top", blocks: [{ address: "B2", formula: "=X()", rows: 5, cols: 2 }] }),
  ).toEqual([
    { row: 0, col: 0, rows: 1, cols: 1 },
    { row: 1, col: 1, rows: 5, cols: 2 },
  ]);
});
