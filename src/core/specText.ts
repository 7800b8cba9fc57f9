/**
 * A spec file's text → a validated MeasureSpec (browser and Node: the CLI's `--spec` and the task
 * pane's spec file). Malformed JSON names the file, row and column; a bad field is validateSpec's
 * HlnError naming the field. Every error is an HlnError("SPEC_INVALID") whose message starts with `file`.
 */
import { HlnError } from "./errors";
import { type MeasureSpec, validateSpec } from "./spec";

/** Parses and validates `text`, the content of the spec file named `file`. */
export function parseSpecText(file: string, text: string): MeasureSpec {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    const msg = (e as Error).message;
    const at = jsonErrorOffset(text);
    let where = "";
    if (at >= 0) {
      const before = text.slice(0, at);
      const line = before.split("\n").length;
      where = ` row ${line}, column ${at - before.lastIndexOf("\n")}`;
    }
    throw new HlnError("SPEC_INVALID", `${file}${where}: malformed JSON (${msg.split("\n")[0]})`);
  }
  try {
    return validateSpec(json);
  } catch (e) {
    if (e instanceof HlnError) throw new HlnError("SPEC_INVALID", `${file}: ${e.message}`);
    throw e;
  }
}

/**
 * Offset of the first JSON syntax error (-1 if none): the shortest prefix whose parse fails with
 * something other than "unexpected end" (Node 20's JSON.parse messages do not always say where).
 */
export function jsonErrorOffset(text: string): number {
  const failsInside = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      const m = (e as Error).message;
      const pos = /at position (\d+)/.exec(m);
      if (pos) return Number(pos[1]) < k;
      return !/end of JSON input/.test(m) || k === text.length;
    }
  };
  if (!failsInside(text.length)) return -1;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}
