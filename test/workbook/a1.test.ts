import { HyperFormula } from "hyperformula";
import { textLiteral } from "../../src/workbook/a1";

test("textLiteral keeps every text of a formula within Excel's 255 characters and means the same text", () => {
  // (HyperFormula does not read "" inside a literal, so the evaluated text has no quote)
  const text = `He said: ${"abcdefghij".repeat(60)}`;
  const expr = textLiteral(text);
  for (const lit of expr.match(/"(?:[^"]|"")*"/g)!) expect(lit.length - 2).toBeLessThanOrEqual(255);
  expect(expr.split("&").length).toBe(3);
  const hf = HyperFormula.buildFromArray([[`=${expr}`]], { licenseKey: "gpl-v3" });
  expect(hf.getCellValue({ sheet: 0, row: 0, col: 0 })).toBe(text);
  hf.destroy();
  expect(textLiteral("")).toBe('""');
  expect(textLiteral('a"b')).toBe('"a""b"');
});
