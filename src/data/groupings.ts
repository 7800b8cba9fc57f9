import { BundleError, type Bundle } from "./bundle";

/** Groupings a summary can be made for (the default is the district, "lad"). */
export const GROUPINGS = ["lad", "utla", "region", "msoa", "ward"] as const;
export type GroupingId = (typeof GROUPINGS)[number];

export const GROUPING_LABEL: Record<GroupingId, string> = {
  lad: "Local authority district (LAD 2024)",
  utla: "Upper-tier local authority (UTLA 2023)",
  region: "Region (2024)",
  msoa: "Middle layer super output area (MSOA 2021)",
  ward: "Electoral ward (May 2024, best fit of each LSOA)",
};

export function isGroupingId(x: unknown): x is GroupingId {
  return typeof x === "string" && (GROUPINGS as readonly string[]).includes(x);
}

/** The group of every area of a bundle under one grouping: code and name per row. */
export interface AreaGrouping {
  id: GroupingId;
  label: string;
  /** Group code per bundle row (e.g. E06000001, E05009861). */
  codes: string[];
  /** Group name per bundle row ("Hartlepool", "Ladgate", "Hartlepool 001"). */
  names: string[];
}

/**
 * Group code and name per area for a grouping id ("lad" default, "utla", "region", "msoa", "ward"),
 * to feed groupIndex → areaSummary. Throws a BundleError (UNKNOWN_GROUPING) for another id and
 * (NO_GROUPING) when the bundle predates ward / MSOA names (re-run `npm run prepare-data`).
 */
export function areaGrouping(bundle: Bundle, id: string = "lad"): AreaGrouping {
  const g = bundle.geography;
  if (!isGroupingId(id))
    throw new BundleError("UNKNOWN_GROUPING", `grouping "${id}": expected one of ${GROUPINGS.join(", ")}`);
  const pair = (codes: string[] | undefined, names: string[] | undefined): [string[], string[]] => {
    if (!codes || !names)
      throw new BundleError(
        "NO_GROUPING",
        `grouping "${id}": this bundle has no ${id} codes and names (re-run npm run prepare-data)`,
      );
    return [codes, names];
  };
  const [codes, names] =
    id === "lad"
      ? pair(g.ladCode, g.ladName)
      : id === "utla"
        ? pair(g.utlaCode, g.utlaName)
        : id === "region"
          ? pair(g.regionCode, g.regionName)
          : id === "msoa"
            ? pair(g.msoa21Code, g.msoa21Name)
            : pair(g.ward24Code, g.ward24Name);
  return { id, label: GROUPING_LABEL[id], codes, names };
}
