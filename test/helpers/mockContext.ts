/**
 * A RequestContext for writer tests: the root context, workbook and application are
 * office-addin-mock objects (load/sync semantics of their scalar properties, e.g.
 * application.calculationMode), and the worksheet/name collections come from the in-memory
 * FakeWorkbook, whose sync applies the queued operations and records each sync's payload.
 */
import { OfficeMockObject } from "office-addin-mock";
import type { FakeWorkbook } from "./fakeExcel";

export function mockContext(wb: FakeWorkbook): Excel.RequestContext {
  const inner = wb.context();
  const app = inner.workbook.application;
  const mock: any = new OfficeMockObject({
    host: "excel",
    workbook: {
      application: {
        calculationMode: "Automatic",
        suspendApiCalculationUntilNextSync: () => app.suspendApiCalculationUntilNextSync(),
        suspendScreenUpdatingUntilNextSync: () => app.suspendScreenUpdatingUntilNextSync(),
        calculate: (t: string) => app.calculate(t),
      },
    },
  });
  mock.workbook.worksheets = inner.workbook.worksheets;
  mock.workbook.names = inner.workbook.names;
  mock.workbook.tables = inner.workbook.tables;
  mock.workbook.getSelectedRange = inner.workbook.getSelectedRange;
  const mockSync = OfficeMockObject.prototype.sync.bind(mock);
  mock.sync = async () => {
    await mockSync();
    await inner.sync();
  };
  return mock as Excel.RequestContext;
}
