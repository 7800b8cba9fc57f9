/**
 * The bundle's ready second index for dual disadvantage: the IoD 2025 IMD rank (1 = most deprived) of
 * every LSOA21, as published (imd/imd2025_england_lsoa21.csv.gz, OGL v3), with each area's ward for the
 * ward-level table. Undefined for a bundle without it.
 */
import type { Bundle } from "./bundle";
import type { SecondIndex } from "../workbook/plan/dual";

export const IMD_SOURCE = "MHCLG, English Indices of Deprivation 2025 (OGL v3)";

export function bundledSecondIndex(bundle: Bundle): { second: SecondIndex; wards?: string[] } | undefined {
  const values = bundle.columns.imd_rank;
  if (!values) return undefined;
  return {
    second: { label: "IMD 2025 rank (1 = most deprived)", values, direction: "rank", source: IMD_SOURCE },
    ...(bundle.geography.ward24Code ? { wards: bundle.geography.ward24Code } : {}),
  };
}
