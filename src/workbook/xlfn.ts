/**
 * Excel's stored names of its newer functions. A formula is typed (and written through Office.js)
 * as `=LET(x,SORT(…),…)`, but an .xlsx file stores functions added after Excel 2007 with a prefix —
 * `_xlfn.` (e.g. `_xlfn.XMATCH`, `_xlfn.NORM.S.INV`), `_xlfn._xlws.` for SORT and FILTER — and the
 * names a LET defines as `_xlpm.x`. Excel reads an unprefixed new function in a file as an unknown
 * name (#NAME?), even where LibreOffice accepts it, so the xlsx writer adds the prefixes and the
 * reader strips them. Pure string work: a tokenizer that skips string literals and quoted sheet names.
 */

/** Functions stored as `_xlfn.NAME` (the ones the native formulas use, and their common neighbours). */
const XLFN = new Set([
  "LET",
  "LAMBDA",
  "XMATCH",
  "XLOOKUP",
  "SORTBY",
  "UNIQUE",
  "SEQUENCE",
  "NORM.S.INV",
  "NORM.S.DIST",
  "NORM.INV",
  "NORM.DIST",
  "RANK.EQ",
  "RANK.AVG",
  "IFNA",
  "IFS",
  "SWITCH",
  "MAXIFS",
  "MINIFS",
  "CONCAT",
  "TEXTJOIN",
  "CEILING.MATH",
  "FLOOR.MATH",
  "AGGREGATE",
  "STDEV.S",
  "STDEV.P",
  "VAR.S",
  "VAR.P",
  "PERCENTILE.INC",
  "PERCENTILE.EXC",
  "QUARTILE.INC",
  "QUARTILE.EXC",
  "MODE.SNGL",
  "CHOOSECOLS",
  "CHOOSEROWS",
  "HSTACK",
  "VSTACK",
  "TAKE",
  "DROP",
  "TOCOL",
  "TOROW",
]);
/** Functions stored as `_xlfn._xlws.NAME`. */
const XLWS = new Set(["SORT", "FILTER"]);

interface Token {
  /** "name" (an identifier, possibly a function when followed by "("), "quoted" or "other". */
  kind: "name" | "quoted" | "other";
  text: string;
}

/** Splits a formula into identifiers (letters, digits, _, ., $), quoted runs ("…", '…') and the rest. */
function tokenize(f: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < f.length) {
    const c = f[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      for (; j < f.length; j++) {
        if (f[j] === c) {
          if (f[j + 1] === c)
            j++; // doubled quote inside
          else break;
        }
      }
      out.push({ kind: "quoted", text: f.slice(i, j + 1) });
      i = j + 1;
    } else if (/[A-Za-z_$\\]/.test(c)) {
      let j = i + 1;
      while (j < f.length && /[A-Za-z0-9_.$\\]/.test(f[j])) j++;
      out.push({ kind: "name", text: f.slice(i, j) });
      i = j;
    } else {
      let j = i + 1;
      while (j < f.length && !/[A-Za-z_$\\"']/.test(f[j])) j++;
      out.push({ kind: "other", text: f.slice(i, j) });
      i = j;
    }
  }
  return out;
}

/** The top-level arguments of the call whose "(" is at `open` (quotes skipped). */
function callArguments(f: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let from = open + 1;
  for (let i = open; i < f.length; i++) {
    const c = f[i];
    if (c === '"' || c === "'") {
      for (i++; i < f.length && !(f[i] === c && f[i + 1] !== c); i++) if (f[i] === c) i++;
    } else if (c === "(" || c === "{") depth++;
    else if (c === ")" || c === "}") {
      depth--;
      if (depth === 0) {
        args.push(f.slice(from, i));
        break;
      }
    } else if (c === "," && depth === 1) {
      args.push(f.slice(from, i));
      from = i + 1;
    }
  }
  return args;
}

/** The names every LET of the formula defines (its 1st, 3rd, … arguments but the last). */
function letNames(f: string, tokens: Token[]): Set<string> {
  const names = new Set<string>();
  let pos = 0;
  for (let t = 0; t < tokens.length; t++) {
    const tk = tokens[t];
    const at = pos;
    pos += tk.text.length;
    if (tk.kind !== "name" || tk.text.toUpperCase().replace(/^_XLFN\./, "") !== "LET") continue;
    if (!tokens[t + 1]?.text.startsWith("(")) continue;
    const args = callArguments(f, at + tk.text.length);
    for (let k = 0; k + 1 < args.length; k += 2) {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*$/.exec(args[k]);
      if (m) names.add(m[1].replace(/^_xlpm\./, ""));
    }
  }
  return names;
}

/** `=LET(x,SORT(A1:A3),x)` → `_xlfn.LET(_xlpm.x,_xlfn._xlws.SORT(A1:A3),_xlpm.x)` (no leading "="). */
export function toXlsxNames(formula: string): string {
  const tokens = tokenize(formula);
  const lets = letNames(formula, tokens);
  let out = "";
  for (let t = 0; t < tokens.length; t++) {
    const tk = tokens[t];
    if (tk.kind !== "name") {
      out += tk.text;
      continue;
    }
    const call = tokens[t + 1]?.kind === "other" && tokens[t + 1].text.startsWith("(");
    const up = tk.text.toUpperCase();
    const prev = tokens[t - 1];
    const qualified = prev?.kind === "other" && prev.text.endsWith("!");
    if (call && XLWS.has(up)) out += `_xlfn._xlws.${tk.text}`;
    else if (call && XLFN.has(up)) out += `_xlfn.${tk.text}`;
    else if (!call && !qualified && lets.has(tk.text)) out += `_xlpm.${tk.text}`;
    else out += tk.text;
  }
  return out;
}

/** Strips the stored prefixes again: `_xlfn._xlws.SORT(` → `SORT(`, `_xlpm.x` → `x`. */
export function fromXlsxNames(formula: string): string {
  return tokenize(formula)
    .map((tk) => (tk.kind === "name" ? tk.text.replace(/^_xlfn\.(_xlws\.)?|^_xlpm\./, "") : tk.text))
    .join("");
}
