/**
 * A saved scenario (issue 18): a name and the settings a user edits (MeasureSettings), as JSON —
 * `{ "name": "…", "settings": { "weights": {…}, "polarity": {…}, "constant": 23, … } }`. Settings
 * left out are the spec's own (defaultSettings), so a scenario may list only what it changes.
 */
import { HlnError } from "./errors";
import { optionProblem, SCALAR_OPTIONS, type ScalarOption } from "./options";
import { copySettings, defaultSettings, type MeasureSettings } from "./settings";
import type { MeasureSpec } from "./spec";

/** The name of the spec's own settings as a scenario (the Compare sheet's default baseline, the Scenarios sheet's first column). */
export const SPEC_SCENARIO = "the spec's settings";

export interface Scenario {
  name: string;
  settings: MeasureSettings;
}

/** What makes two scenario names the same (case and surrounding spaces aside): one column per key on the Scenarios sheet. */
export const scenarioKey = (name: string): string => name.trim().toLowerCase();

/** The spec's own settings as the scenario SPEC_SCENARIO. */
export const specScenario = (spec: MeasureSpec): Scenario => ({ name: SPEC_SCENARIO, settings: defaultSettings(spec) });

/** The scenario called `name`: the spec's own settings, or the first of `saved` of that name; undefined when none is. */
export function findScenario(saved: readonly Scenario[], name: string, spec: MeasureSpec): Scenario | undefined {
  if (scenarioKey(name) === scenarioKey(SPEC_SCENARIO)) return specScenario(spec);
  return saved.find((s) => scenarioKey(s.name) === scenarioKey(name));
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * Checks parsed JSON against the scenario format and the spec: every weight id and polarity id must
 * be the spec's, weights finite and ≥ 0, polarities 1 or −1, options valid (optionProblem). Throws
 * HlnError("SCENARIO_INVALID") naming the field, e.g. `settings.weights.growht: not a dimension,
 * sub-dimension or indicator id of the spec "hln"`.
 */
export function parseScenario(x: unknown, spec: MeasureSpec): Scenario {
  const fail = (path: string, msg: string): never => {
    throw new HlnError("SCENARIO_INVALID", msg, path);
  };
  if (!isObj(x)) fail("scenario", 'must be an object { "name": …, "settings": { … } }');
  const o = x as Obj;
  for (const k of Object.keys(o))
    if (k !== "name" && k !== "settings") fail(k, "is not a scenario field (name, settings)");
  if (typeof o.name !== "string" || o.name.trim() === "") fail("name", "must be a non-empty text");
  const s = o.settings ?? {};
  if (!isObj(s)) fail("settings", "must be an object");
  const out = copySettings(defaultSettings(spec));
  for (const [key, v] of Object.entries(s as Obj)) {
    const path = `settings.${key}`;
    if (key === "weights" || key === "polarity") {
      if (!isObj(v)) fail(path, "must be an object of id: value");
      for (const [id, w] of Object.entries(v as Obj)) {
        const target = key === "weights" ? out.weights : out.polarity;
        if (!Object.prototype.hasOwnProperty.call(target, id))
          fail(
            `${path}.${id}`,
            `not ${key === "weights" ? "a dimension, sub-dimension or" : "an"} indicator id of the spec "${spec.id}"`,
          );
        if (key === "weights") {
          if (typeof w !== "number" || !Number.isFinite(w) || w < 0)
            fail(`${path}.${id}`, "must be a non-negative number");
          out.weights[id] = w as number;
        } else {
          if (w !== 1 && w !== -1) fail(`${path}.${id}`, "must be 1 or -1");
          out.polarity[id] = w as 1 | -1;
        }
      }
    } else if (key === "applyExclusions" || key === "includeSynthetic") {
      if (typeof v !== "boolean") fail(path, "must be true or false");
      out[key] = v as boolean;
    } else if ((SCALAR_OPTIONS as readonly string[]).includes(key)) {
      const problem = optionProblem(key as ScalarOption, v);
      if (problem) fail(path, `${problem}, got ${JSON.stringify(v)}`);
      (out as unknown as Record<string, unknown>)[key] = v;
    } else
      fail(
        path,
        `is not a setting (weights, polarity, ${SCALAR_OPTIONS.join(", ")}, applyExclusions, includeSynthetic)`,
      );
  }
  return { name: (o.name as string).trim(), settings: out };
}

/** The JSON value of a scenario (every setting written out, ids in spec order). */
export function scenarioJson(name: string, settings: MeasureSettings): { name: string; settings: Obj } {
  const s: Obj = {
    weights: { ...settings.weights },
    polarity: { ...settings.polarity },
  };
  for (const k of SCALAR_OPTIONS) s[k] = settings[k];
  s.applyExclusions = settings.applyExclusions;
  s.includeSynthetic = settings.includeSynthetic;
  return { name, settings: s };
}
