/**
 * Scenarios for the CLI (issue 18): a scenario file (`hln compare --baseline`, `hln build --baseline`
 * and `--scenario`) and the saved scenarios of a `--measure` book's HLN Scenarios sheet.
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import { basename, join } from "path";
import { HlnError } from "../core/errors";
import { findScenario, parseScenario, type Scenario, scenarioJson, scenarioKey, SPEC_SCENARIO } from "../core/scenario";
import { type MeasureSettings, settingsDiff } from "../core/settings";
import { SHEET_NAMES } from "../workbook/plan";
import { readScenarios } from "../workbook/scenariosCodec";
import { prepareOutDir } from "./output";
import { measureChoice, problemsError, readMeasureBook } from "./workbookInput";
import { readXlsxBook, requireSheet, type XlsxBook } from "./xlsxIn";
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

/**
 * The build's saved scenarios and its Compare baseline (issue 18): the --measure book's HLN Scenarios
 * sheet, then each --scenario file; --baseline is a scenario file or the name of one of those (or of
 * the spec's settings). A name used twice is an error naming both places.
 */
export function buildScenarios(
  spec: MeasureSpec,
  fromBook: readonly Scenario[],
  files: readonly string[],
  baseline: string | undefined,
): { scenarios: Scenario[]; baseline?: Scenario } {
  const scenarios = [...fromBook];
  for (const f of files) {
    const s = readScenario(f, spec);
    if (findScenario(scenarios, s.name, spec))
      throw new CliError(
        `${basename(f)}: a scenario "${s.name}" is ${scenarioKey(s.name) === scenarioKey(SPEC_SCENARIO) ? "the spec's own settings" : "saved already"}: give it another name`,
      );
    scenarios.push(s);
  }
  if (baseline === undefined) return { scenarios };
  if (existsSync(baseline) || /\.json$/i.test(baseline)) {
    const base = readScenario(baseline, spec);
    const same = findScenario(scenarios, base.name, spec);
    // the Scenarios sheet keeps one column per name: a file of a saved name must hold its settings
    if (same && settingsDiff(same.settings, base.settings).length > 0)
      throw new CliError(
        `${basename(baseline)}: a scenario "${same.name}" is saved already with other settings: give the baseline another name`,
      );
    return { scenarios, baseline: base };
  }
  const named = findScenario(scenarios, baseline, spec);
  if (!named)
    throw new CliError(
      `--baseline "${baseline}": no such file and no saved scenario of that name (saved: ${[SPEC_SCENARIO, ...scenarios.map((s) => s.name)].map((n) => `"${n}"`).join(", ")})`,
    );
  return { scenarios, baseline: named };
}

/** The saved scenarios of a --measure book's HLN Scenarios sheet (none when it has no such sheet); every bad cell named. */
export function bookScenarios(book: XlsxBook, spec: MeasureSpec): Scenario[] {
  const grid = book.grid(SHEET_NAMES.scenarios);
  if (!grid) return [];
  const r = readScenarios(grid, spec, SHEET_NAMES.scenarios);
  if (r.problems.length > 0) throw problemsError(book.file, "the saved scenarios", r.problems);
  // the spec's own settings are column C of every Scenarios sheet: the build writes them afresh
  return r.scenarios.filter((s) => scenarioKey(s.name) !== scenarioKey(SPEC_SCENARIO));
}

/** A file name for a scenario: its name in lower case, runs of other characters as "-" ("scenario" when none is left). */
export function scenarioFileName(name: string, taken: Set<string>): string {
  const stem =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "scenario";
  let file = `${stem}.json`;
  for (let k = 2; taken.has(file); k++) file = `${stem}-${k}.json`;
  taken.add(file);
  return file;
}

/**
 * `hln scenarios book.xlsx --out DIR`: every scenario of the book's HLN Scenarios sheet (the spec's
 * settings first) as a scenario file. The sheet is checked whole first: a bad cell is named and
 * nothing is written.
 */
export async function runScenariosExport(path: string, out: string): Promise<{ book: string; files: string[] }> {
  const book = await readXlsxBook(path, measureChoice());
  const { spec } = await readMeasureBook(book, () => undefined);
  const grid = requireSheet(book, SHEET_NAMES.scenarios, "the saved scenarios, written by hln build or the add-in");
  const r = readScenarios(grid, spec, SHEET_NAMES.scenarios);
  if (r.problems.length > 0) throw problemsError(book.file, "the saved scenarios", r.problems);
  const dir = prepareOutDir(out);
  const taken = new Set<string>();
  const files = r.scenarios.map((s) => {
    const file = join(dir, scenarioFileName(s.name, taken));
    writeFileSync(file, JSON.stringify(scenarioJson(s.name, s.settings), null, 2) + "\n");
    return file;
  });
  return { book: book.file, files };
}
