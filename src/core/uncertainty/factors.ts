/**
 * The factor groups of the uncertainty and sensitivity analysis (issue 18) and their options, each
 * default and rule stated once. Used by the core (drawRuns, runUncertainty, runSensitivity) and the
 * CLI (`hln sensitivity`), which show the rules' messages.
 */
import { HlnError } from "../errors";
import { isNormalOffset, NORMAL_OFFSETS, type NormalOffset } from "../normalScore";

/**
 * 1 weights: the dimension weights; 2 indicator-weights: the sub-dimension weights within each
 * dimension and the indicator weights within each sub-dimension (or dimension); 3 constant: C of
 * the exponential transform; 4 offset: the normal-score plotting position; 5 scaling: rank/(N + 1)
 * or rank/N; 6 shrinkage: every shrunk indicator shrunk (as the spec says) or not shrunk at all.
 */
export const FACTOR_GROUPS = ["weights", "indicator-weights", "constant", "offset", "scaling", "shrinkage"] as const;
export type FactorGroup = (typeof FACTOR_GROUPS)[number];

export function isFactorGroup(x: unknown): x is FactorGroup {
  return typeof x === "string" && (FACTOR_GROUPS as readonly string[]).includes(x);
}

/** At most this many draws (Monte Carlo) or base samples N (Sobol). */
export const MAX_DRAWS = 100_000;

export interface UncertaintyOptions {
  /** The factor groups that vary; the others stay at their nominal values. */
  factors: FactorGroup[];
  /** Monte Carlo draws, or the Sobol base sample N (N·(d + 2) runs). */
  draws: number;
  /** MT19937 seed, a whole number 1 … 4,294,967,295. */
  seed: number;
  /** Root-mean-square coefficient of variation of each weight group's Dirichlet draws (0.25). */
  weightCv: number;
  /** A Dirichlet concentration α for every weight group instead of the one derived from weightCv. */
  concentration?: number;
  /** C is drawn uniformly from [lo, hi]. */
  constantRange: [number, number];
  /** The offsets drawn from (uniformly). */
  offsets: NormalOffset[];
  /** Bootstrap resamples of the Sobol intervals. */
  bootstrap: number;
}

export const UNCERTAINTY_DEFAULTS: Readonly<UncertaintyOptions> = Object.freeze({
  factors: [...FACTOR_GROUPS],
  draws: 1000,
  seed: 1,
  weightCv: 0.25,
  concentration: undefined,
  constantRange: [15, 30] as [number, number],
  offsets: Object.keys(NORMAL_OFFSETS) as NormalOffset[],
  bootstrap: 200,
});

const fail = (path: string, msg: string): never => {
  throw new HlnError("OPTION_INVALID", msg, path);
};

const wholeIn = (x: unknown, lo: number, hi: number): boolean =>
  typeof x === "number" && Number.isInteger(x) && x >= lo && x <= hi;

/** Fills in the defaults and checks every option; throws HlnError("OPTION_INVALID") naming it. */
export function validateUncertaintyOptions(x: Partial<UncertaintyOptions> = {}): UncertaintyOptions {
  const o: UncertaintyOptions = { ...UNCERTAINTY_DEFAULTS, ...stripUndefined(x) } as UncertaintyOptions;
  if (!Array.isArray(o.factors) || o.factors.length === 0)
    fail("factors", `must name at least one of ${FACTOR_GROUPS.join(", ")}`);
  for (const f of o.factors)
    if (!isFactorGroup(f)) fail("factors", `"${String(f)}" is not a factor group (${FACTOR_GROUPS.join(", ")})`);
  if (new Set(o.factors).size !== o.factors.length) fail("factors", "names a factor group twice");
  if (!wholeIn(o.draws, 1, MAX_DRAWS))
    fail("draws", `must be a whole number from 1 to ${MAX_DRAWS.toLocaleString("en-GB")}, got ${String(o.draws)}`);
  if (!wholeIn(o.seed, 1, 4294967295))
    fail("seed", `must be a whole number from 1 to 4294967295, got ${String(o.seed)}`);
  if (typeof o.weightCv !== "number" || !Number.isFinite(o.weightCv) || o.weightCv <= 0 || o.weightCv > 10)
    fail("weightCv", `must be a number greater than 0 and at most 10, got ${String(o.weightCv)}`);
  if (
    o.concentration !== undefined &&
    (typeof o.concentration !== "number" || !Number.isFinite(o.concentration) || o.concentration <= 0)
  )
    fail("concentration", `must be a number greater than 0, got ${String(o.concentration)}`);
  const r = o.constantRange;
  if (
    !Array.isArray(r) ||
    r.length !== 2 ||
    !r.every((c) => typeof c === "number" && Number.isFinite(c) && c > 0) ||
    r[0] > r[1]
  )
    fail("constantRange", `must be two numbers lo ≤ hi, both greater than 0, got ${JSON.stringify(r)}`);
  if (!Array.isArray(o.offsets) || o.offsets.length === 0 || !o.offsets.every(isNormalOffset))
    fail("offsets", `must be a non-empty list of ${Object.keys(NORMAL_OFFSETS).join(", ")}`);
  if (!wholeIn(o.bootstrap, 0, 10_000))
    fail("bootstrap", `must be a whole number from 0 to 10,000, got ${String(o.bootstrap)}`);
  return { ...o, factors: [...o.factors], constantRange: [r[0], r[1]], offsets: [...o.offsets] };
}

function stripUndefined<T extends object>(x: T): Partial<T> {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as Partial<T>;
}
