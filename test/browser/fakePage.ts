/**
 * Runs in the browser page before anything else (Playwright addInitScript, bundled by esbuild):
 * stands an in-memory Excel in for the host, with one user sheet holding data, so the real task
 * pane code path (excel.ts → Excel.run → the writer) runs unchanged.
 */
import { FakeWorkbook } from "../helpers/fakeExcel";

const w = window as any;
const wb = new FakeWorkbook(["My budget"]);
wb.put("My budget", "A1", [
  ["Item", "Cost"],
  ["Rent", 1200],
  ["Food", 300],
]);
wb.latencyMs = 60; // a little host latency per sync, so progress is visible
w.__hln = { wb, userSnapshot: wb.sheet("My budget")!.snapshot() };
const excel = {
  run: async (f: (ctx: any) => Promise<unknown>) => f(wb.context()),
};
// office.js must not replace the stand-in
Object.defineProperty(w, "Excel", {
  get: () => excel,
  set: () => {
    // ignored: office.js must not replace the stand-in
  },
  configurable: false,
});
// the shared runtime's functions bundle registers custom functions: accept and ignore
w.CustomFunctions = {
  associate: () => undefined,
  Error: class extends Error {},
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  },
};
