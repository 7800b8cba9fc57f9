/**
 * The method's options: each one's default and its validation rule, stated once. The core
 * (validateOptions, expTransform), the custom functions, the CLI, the task pane and the Weights
 * codec all ask `optionProblem` and show its message, so a rule has one wording everywhere.
 */
import type { MissingRule } from "./combine";
import { isRankScaling, RankScaling, RANK_SCALINGS } from "./rankScaling";
import { isNormalOffset, NormalOffset, NORMAL_OFFSETS } from "./normalScore";

const OFFSET_NAMES = Object.keys(NORMAL_OFFSETS) as NormalOffset[];

export interface MeasureOptions {
  /** Exponential-transform constant C (Appendix C); 23 in the paper. */
  constant: number;
  /** Rank scaling of the sub-dimension and dimension transforms. */
  scaling: RankScaling;
  /** Rank scaling of the published-scale overall score (the top-20 table's scale). */
  overallScaling: RankScaling;
  /** Normal-score plotting position (step 6). */
  offset: NormalOffset;
  /** How a missing indicator/sub-dimension is treated when combining. */
  missing: MissingRule;
  /** Area codes left out of the measure (the paper excludes the Isles of Scilly). */
  exclude: string[];
}

export const DEFAULT_OPTIONS: Readonly<MeasureOptions> = Object.freeze({
  constant: 23,
  scaling: "hln",
  overallScaling: "hln",
  offset: "vdw",
  missing: "reweight",
  exclude: [] as string[],
});

export const MISSING_RULES = ["reweight", "propagate"] as const;

export function isMissingRule(x: unknown): x is MissingRule {
  return x === "reweight" || x === "propagate";
}

/** The options a user sets as one value (everything but the exclusion list). */
export type ScalarOption = Exclude<keyof MeasureOptions, "exclude">;
export const SCALAR_OPTIONS: readonly ScalarOption[] = ["constant", "scaling", "overallScaling", "offset", "missing"];

const SCALING_RULE = `must be "hln" (rank/(N+1)) or "iod" (rank/N)`;

/** The rule of each option, as the message shown when a value breaks it. */
export const OPTION_RULES: Readonly<Record<ScalarOption | "exclude", string>> = Object.freeze({
  constant: "must be a number greater than 0",
  scaling: SCALING_RULE,
  overallScaling: SCALING_RULE,
  offset: `must be one of ${OFFSET_NAMES.join(", ")}`,
  missing: `must be "reweight" or "propagate"`,
  exclude: "must be a list of area codes",
});

/** The values a choice option takes (for pickers and help text). */
export const OPTION_CHOICES: Readonly<Partial<Record<ScalarOption, readonly string[]>>> = Object.freeze({
  scaling: RANK_SCALINGS,
  overallScaling: RANK_SCALINGS,
  offset: OFFSET_NAMES,
  missing: MISSING_RULES,
});

/** Is `value` valid for option `key`? Returns the rule's message when it is not, else undefined. */
export function optionProblem(key: keyof MeasureOptions, value: unknown): string | undefined {
  const ok = (() => {
    switch (key) {
      case "constant":
        return typeof value === "number" && Number.isFinite(value) && value > 0;
      case "scaling":
      case "overallScaling":
        return isRankScaling(value);
      case "offset":
        return isNormalOffset(value);
      case "missing":
        return isMissingRule(value);
      case "exclude":
        return Array.isArray(value) && value.every((c) => typeof c === "string");
    }
  })();
  return ok ? undefined : OPTION_RULES[key];
}

export function isOptionKey(key: string): key is keyof MeasureOptions {
  return Object.prototype.hasOwnProperty.call(DEFAULT_OPTIONS, key);
}
