/** Why an area or a group was left out of a summary. */
export const SUMMARY_PROBLEMS = {
  /** The area has a score but no group label (a blank cell in the group column). */
  NO_GROUP: "no group",
  /** The area has no score (missing): left out of every measure and of the national N. */
  NO_SCORE: "no score",
  /** The area's population is missing (NaN, ±Infinity): left out of its group. */
  MISSING_POPULATION: "missing population",
  /** The area's population is below 0: left out of its group. */
  NEGATIVE_POPULATION: "negative population",
  /** The group has no scored areas with people: its measures are NaN. */
  ZERO_POPULATION: "group has no scored areas with people",
} as const;
export type SummaryProblemCode = keyof typeof SUMMARY_PROBLEMS;

/**
 * One exclusion: `row` (0-based input row) for area problems, `group` (group index) for
 * ZERO_POPULATION, always a message naming it.
 */
export interface SummaryProblem {
  code: SummaryProblemCode;
  row?: number;
  group?: number;
  message: string;
}
