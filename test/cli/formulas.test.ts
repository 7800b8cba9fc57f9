/** hln build --formulas / --audit-columns (src/cli/build.ts formulaOptions). */
import { CLI_FORMULA_MODE, formulaOptions } from "../../src/cli/build";
import { CliError } from "../../src/cli/errors";

test("the CLI writes native formulas by default, add-in formulas on request", () => {
  expect(CLI_FORMULA_MODE).toBe("native");
  expect(formulaOptions({})).toEqual({ formulas: "native", auditColumns: true });
  expect(formulaOptions({ formulas: "ADDIN" })).toEqual({ formulas: "addin", auditColumns: true });
  expect(formulaOptions({ formulas: "native", auditColumns: "off" })).toEqual({
    formulas: "native",
    auditColumns: false,
  });
});

test("bad values are refused with a message naming the option", () => {
  expect(() => formulaOptions({ formulas: "excel" })).toThrow(CliError);
  expect(() => formulaOptions({ formulas: "excel" })).toThrow('--formulas must be addin or native, got "excel"');
  expect(() => formulaOptions({ auditColumns: "maybe" })).toThrow('--audit-columns must be on or off, got "maybe"');
  expect(() => formulaOptions({ formulas: "addin", auditColumns: "off" })).toThrow(
    "--audit-columns off needs --formulas native",
  );
});
