/**
 * CSV out (issue 13 case 1): formula-like text is neutralised (a leading ' inside quotes), numbers
 * stay numbers, the file parses back to the same text with the ' prefix.
 */
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import Papa from "papaparse";
import { unparseRows, writeCsvFile } from "../../src/cli/csvOut";
import { INJECTIONS } from "./injections";

test("every injection string is written as quoted text starting with '", () => {
  const text = unparseRows(INJECTIONS.map((s) => [s, 1]));
  const back = Papa.parse<string[]>(text.trimEnd(), { newline: "\n" }).data;
  expect(back.length).toBe(INJECTIONS.length);
  back.forEach((r, i) => {
    expect(r[0]).toBe("'" + INJECTIONS[i]);
    expect(r[1]).toBe("1");
  });
  // no raw line of the file starts with a formula character
  for (const line of text.split("\n")) expect(line).not.toMatch(/^[=+\-@\t]/);
});

test("numbers stay numbers (negative ones unescaped); NaN, Infinity and null are blank", () => {
  expect(unparseRows([[-1.5, 0, NaN, Infinity, null, undefined, "plain", 'say "hi"', "a,b"]])).toBe(
    '-1.5,0,,,,,plain,"say ""hi""","a,b"\n',
  );
});

test("writeCsvFile writes the header and every row in chunks", () => {
  const f = join(mkdtempSync(join(tmpdir(), "hln-csvout-")), "x.csv");
  writeCsvFile(f, ["name", "x"], 7, (i) => [i === 3 ? "=1+1" : `r${i}`, i], 2);
  const lines = readFileSync(f, "utf8").split("\n");
  expect(lines).toEqual(["name,x", "r0,0", "r1,1", "r2,2", `"'=1+1",3`, "r4,4", "r5,5", "r6,6", ""]);
});
