export { crosswalkWeights } from "./crosswalkWeights";
export { apportionCounts } from "./apportionCounts";
export { apportionRates } from "./apportionRates";
export { assignDown } from "./assignDown";
export { aggregateCounts } from "./aggregateCounts";
export { groupMean } from "./groupMean";
export { codeIndex } from "./codeIndex";
