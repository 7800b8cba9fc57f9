/**
 * District (LAD) summaries: `areaSummary` with district codes as the grouping. Kept under this name
 * for its callers (buildMeasure, the map, HLN.LASUMMARY, the workbook); the definitions are in
 * ./summaries/areaSummary.ts.
 */
import { areaSummary, isSummaryMeasure, SUMMARY_MEASURES } from "./summaries/areaSummary";
import type { AreaSummary, SummaryMeasure } from "./summaries/areaSummary";

export const DISTRICT_MEASURES = SUMMARY_MEASURES;
export type DistrictMeasure = SummaryMeasure;
export type DistrictSummary = AreaSummary;
export const isDistrictMeasure = isSummaryMeasure;
export const districtSummary = areaSummary;
