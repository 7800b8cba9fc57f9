/** Excel's stored prefixes of newer functions and LET names (src/workbook/xlfn.ts). */
import { fromXlsxNames, toXlsxNames } from "../../src/workbook/xlfn";
import { fromStoredFormula, toStoredFormula } from "../../src/workbook/xlsxWriter";

test("newer functions get _xlfn. / _xlfn._xlws., LET names _xlpm., and the reader strips them", () => {
  const f = `LET(vals,'HLN Data'!$A$3:$A$9,nums,FILTER(vals,ISNUMBER(vals)),IF(ISNUMBER(vals),NORM.S.INV(MATCH(vals,SORT(nums),1)/ROWS(nums)),"nums, LET(x"))`;
  const s = toXlsxNames(f);
  expect(s).toBe(
    `_xlfn.LET(_xlpm.vals,'HLN Data'!$A$3:$A$9,_xlpm.nums,_xlfn._xlws.FILTER(_xlpm.vals,ISNUMBER(_xlpm.vals)),IF(ISNUMBER(_xlpm.vals),_xlfn.NORM.S.INV(MATCH(_xlpm.vals,_xlfn._xlws.SORT(_xlpm.nums),1)/ROWS(_xlpm.nums)),"nums, LET(x"))`,
  );
  expect(fromXlsxNames(s)).toBe(f);
});

test("names that are not LET names, sheet names and old functions are left alone", () => {
  const f = `IF(ISNUMBER('vals'!$B$3:$B$5),XMATCH(HLN_Offset,{"vdw","blom"},0),SUM(vals))`;
  expect(toXlsxNames(f)).toBe(`IF(ISNUMBER('vals'!$B$3:$B$5),_xlfn.XMATCH(HLN_Offset,{"vdw","blom"},0),SUM(vals))`);
});

test("add-in formulas keep their _xldudf_ form; the round trip is exact", () => {
  const f = "=HLN.NORMALSCORE('HLN Indicators'!$C$3:$C$9,HLN_Offset)";
  expect(toStoredFormula(f)).toBe("_xldudf_HLN_NORMALSCORE('HLN Indicators'!$C$3:$C$9,HLN_Offset)");
  expect("=" + fromStoredFormula(toStoredFormula(f))).toBe(f);
});
