/**
 * useScenarios: the Scenarios card's state — the workbook's saved scenarios (read with each check),
 * the Compare baseline chosen for the next build (at first the one the workbook was built with), and
 * saving the current Weights as a scenario.
 */
import * as React from "react";
import { scenarioKey, SPEC_SCENARIO } from "../core/scenario";
import type { MeasureSpec } from "../core/spec";
import type { ScenarioProblem } from "../workbook/scenariosCodec";
import { builtBaseline } from "./controller";
import { excel, type WorkbookCheck } from "./excel";
import { saveScenarioInWorkbook } from "./saveScenario";
import { savedScenarios } from "./scenarios";

export interface ScenariosState {
  /** The Scenarios sheet's name; null: the workbook has none (no build yet). */
  sheet: string | null;
  /** The spec's settings, then the saved scenarios' names. */
  names: string[];
  problems: ScenarioProblem[];
  save: (name: string) => Promise<string>;
}

export function useScenarios(
  check: WorkbookCheck | null,
  spec: MeasureSpec,
  refreshCheck: () => Promise<void>,
  baseline: string,
  setBaseline: (name: string) => void,
): ScenariosState {
  const read = React.useMemo(
    () => (check ? savedScenarios(check, spec) : { scenarios: [], problems: [] }),
    [check, spec],
  );
  const names = React.useMemo(
    () => [
      SPEC_SCENARIO,
      ...read.scenarios.map((s) => s.name).filter((n) => scenarioKey(n) !== scenarioKey(SPEC_SCENARIO)),
    ],
    [read],
  );
  // a baseline whose column was removed or renamed: back to the spec's settings
  React.useEffect(() => {
    if (check && !names.includes(baseline)) setBaseline(SPEC_SCENARIO);
  }, [check, names, baseline, setBaseline]);
  // the baseline the workbook was last built with (its plan index): chosen when the pane opens or a build
  // records another; a choice made in the card since stays until then
  const built = check ? builtBaseline(check, names) : null;
  const applied = React.useRef<string | null>(null);
  React.useEffect(() => {
    if (built === null || built === applied.current) return;
    applied.current = built;
    setBaseline(built);
  }, [built, setBaseline]);
  const save = async (name: string) => {
    const said = await saveScenarioInWorkbook(excel, spec, name);
    await refreshCheck();
    return said;
  };
  return { sheet: check?.scenarios?.sheet ?? null, names, problems: read.problems, save };
}
