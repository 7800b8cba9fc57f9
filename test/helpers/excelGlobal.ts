/** Installs `Excel.run` over an in-memory FakeWorkbook (through mockContext), for code that calls excel.ts. */
import type { FakeWorkbook } from "./fakeExcel";
import { mockContext } from "./mockContext";

export function installExcel(wb: FakeWorkbook): void {
  (globalThis as unknown as { Excel: unknown }).Excel = {
    run: async <T>(f: (ctx: Excel.RequestContext) => Promise<T>) => f(mockContext(wb)),
  };
}
