export { HlnError } from "./errors";
export { rank, countFinite } from "./rank";
export { needRank } from "./needRank";
export { decile, percentile, quantileClass } from "./decile";
export { normalQuantile } from "./normalQuantile";
export { normalScore, NORMAL_OFFSETS, isNormalOffset } from "./normalScore";
export type { NormalOffset } from "./normalScore";
export { expTransform, expScore, scaleRank, checkConstant, RANK_SCALINGS, isRankScaling } from "./expTransform";
export type { RankScaling } from "./expTransform";
export { shrink, shrinkStatusHasValue, SHRINK_STATUS, SHRINK_STATUS_MESSAGE } from "./shrink";
export type { ShrinkResult, ShrinkOptions } from "./shrink";
export { shrinkValue } from "./shrinkValue";
export { groupIndex, groupCount } from "./groupIndex";
export { compositeCount } from "./composite";
export { applyPolarity } from "./polarity";
export type { Polarity } from "./polarity";
export { weightedSum, checkWeights, effectiveWeights } from "./combine";
export type { MissingRule, EffectiveWeights } from "./combine";
export { qa, QA_DEFAULTS } from "./qa";
export type { QaOptions, QaResult } from "./qa";
export { districtSummary, DISTRICT_MEASURES, isDistrictMeasure } from "./districtSummary";
export type { DistrictMeasure, DistrictSummary } from "./districtSummary";
export { validateSpec, validateOptions, listIndicators, specColumns } from "./spec";
export { DEFAULT_OPTIONS, OPTION_RULES, OPTION_CHOICES, optionProblem, MISSING_RULES } from "./options";
export type { MeasureSpec, DimensionSpec, SubdimensionSpec, IndicatorSpec, MeasureOptions } from "./spec";
export { buildMeasure } from "./buildMeasure";
export type {
  MeasureData,
  BuildOptions,
  MeasureResult,
  IndicatorResult,
  CombinationResult,
  DimensionResult,
  SubdimensionResult,
} from "./buildMeasure";
export { topAreas } from "./topAreas";
export { hlnSpec } from "./specs";
export { areaSummary, SUMMARY_MEASURES, isSummaryMeasure } from "./summaries/areaSummary";
export type { AreaSummary, SummaryMeasure } from "./summaries/areaSummary";
export { extentWeight } from "./summaries/extentWeight";
export { iodRank } from "./summaries/iodRank";
export { localConcentration } from "./summaries/localConcentration";
export { SUMMARY_PROBLEMS } from "./summaries/problems";
export type { SummaryProblem, SummaryProblemCode } from "./summaries/problems";
export { dualFlag, needRankOf, NEED_DIRECTIONS, DEFAULT_DUAL_SHARE } from "./dualFlag";
export type { DualOptions, DualResult, NeedDirection } from "./dualFlag";
export { groupDual } from "./groupDual";
export { dualCounts } from "./dualCounts";
export type { DualCounts } from "./dualCounts";
export type { GroupDualResult } from "./groupDual";
