/** A scenario file (issue 18) read for the CLI: `hln compare --baseline` and `hln build --baseline`. */
import { readFileSync } from "fs";
import { basename } from "path";
import { HlnError } from "../core/errors";
import { parseScenario } from "../core/scenario";
import type { MeasureSettings } from "../core/settings";
import type { MeasureSpec } from "../core/spec";
import { jsonErrorOffset } from "../core/specText";
import { CliError } from "./errors";

/** Reads and checks a scenario file; errors name the file and the field. */
export function readScenario(path: string, spec: MeasureSpec): { name: string; settings: MeasureSettings } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(
      `${path}: cannot read the scenario (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = jsonErrorOffset(text);
    throw new CliError(
      `${basename(path)}${at >= 0 ? ` (character ${at + 1})` : ""}: malformed JSON (${(e as Error).message.split("\n")[0]})`,
    );
  }
  try {
    return parseScenario(json, spec);
  } catch (e) {
    if (e instanceof HlnError) throw new CliError(`${basename(path)}: ${e.message}`);
    throw e;
  }
}
