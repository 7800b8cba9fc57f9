/**
 * Builds the committed LSOA 2021 indicator bundle (assets/data) and map boundaries (assets/boundaries)
 * from the raw open data folder (default ../shared/data/raw relative to the repo root).
 *
 *   npx tsx scripts/prepare-data.ts [rawDir]      (npm run prepare-data)
 *
 * Deterministic: same raw files → byte-identical output. See docs/data.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import {
  apportionCounts,
  apportionRates,
  assignDown,
  codeIndex,
  crosswalkWeights,
  groupMean,
} from "../src/core/geography";
import { normalScore } from "../src/core/normalScore";
import { encodePayload } from "../src/data/encode";
import { FLAG, FLAG_MESSAGE, FORMAT_VERSION, type PayloadHeader } from "../src/data/format";
import type { BundleMeta, ColumnMeta, DataStatus, IndicatorMeta, LadMeta } from "../src/data/types";
import { INDICATORS, SOURCES, SYNTHETIC, SPEC_EDITS } from "./data/catalogue";
import { hashString, mulberry32, normalGenerator } from "./data/prng";
import { writeBundleHashes } from "./hash-bundle";
import { col, num, readCsv } from "./data/read";

const ROOT = resolve(__dirname, "..");
const RAW = resolve(process.argv[2] ?? resolve(ROOT, "..", "shared", "data", "raw"));
const OUT = join(ROOT, "assets", "data");
const OUT_BOUNDARIES = join(ROOT, "assets", "boundaries");
const SEED = 20241;
const SCILLY = "E01019077";

const log = (s: string) => console.log(s);
log(`raw folder: ${RAW}`);

// ---------------------------------------------------------------- geography
const lsoaRows = readCsv(RAW, "geography/lsoa21_ward24_lad24_EW.csv.gz")
  .filter((r) => r.lsoa21_code.startsWith("E"))
  .sort((a, b) => (a.lsoa21_code < b.lsoa21_code ? -1 : 1));
const codes = lsoaRows.map((r) => r.lsoa21_code);
const n = codes.length;
const rowOf = new Map(codes.map((c, i) => [c, i]));
const region = new Map(readCsv(RAW, "geography/lad24_region24_EN.csv").map((r) => [r.ltla24_code, r]));
const utla = new Map(readCsv(RAW, "geography/lad23_utla23_EW.csv").map((r) => [r.ltla23_code, r]));
const ladNames = new Map(lsoaRows.map((r) => [r.ltla24_code, r.ltla24_name]));
const lads: LadMeta[] = [...ladNames.keys()].sort().map((code) => {
  const rg = region.get(code);
  const ut = utla.get(code);
  if (!rg || !ut) throw new Error(`LAD ${code}: no region or UTLA in the lookups`);
  return {
    code,
    name: ladNames.get(code)!,
    utlaCode: ut.utla23_code,
    utlaName: ut.utla23_name,
    regionCode: rg.region24_code,
    regionName: rg.region24_name,
  };
});
const ladIdx = codeIndex(
  lsoaRows.map((r) => r.ltla24_code),
  lads.map((l) => l.code),
);
const msoaRows = new Map(readCsv(RAW, "geography/lsoa21_msoa21_lad22_rgn22_EW.csv.gz").map((r) => [r.LSOA21CD, r]));
const msoaOf = new Map([...msoaRows].map(([c, r]) => [c, r.MSOA21CD]));
const msoa21Code = codes.map((c) => msoaOf.get(c) ?? "");
if (msoa21Code.some((m) => !m)) throw new Error("some LSOA21 have no MSOA21");
// MSOA21 names (House of Commons Library style "Hartlepool 001" from the ONS lookup) and the best-fit
// ward (May 2024) of each LSOA21, for area summaries by MSOA and by ward (src/data/groupings.ts)
const msoa21Name = codes.map((c) => msoaRows.get(c)!.MSOA21NM);
const ward24Code = lsoaRows.map((r) => r.ward24_code);
const ward24Name = lsoaRows.map((r) => r.ward24_name);
if (msoa21Name.some((m) => !m) || ward24Code.some((w) => !/^E05\d{6}$/.test(w)) || ward24Name.some((w) => !w))
  throw new Error("some LSOA21 have no MSOA21 name or no ward (ward24_code E05……)");
log(
  `${n} LSOA21, ${new Set(msoa21Code).size} MSOA21, ${new Set(ward24Code).size} wards, ${lads.length} LAD24, ${new Set(lads.map((l) => l.utlaCode)).size} UTLA, ${new Set(lads.map((l) => l.regionCode)).size} regions`,
);

// ---------------------------------------------------------------- column store
const values: Record<string, Float64Array> = {};
const flags: Record<string, Uint8Array> = {};
const columns: ColumnMeta[] = [];
type ColDef = Omit<ColumnMeta, "hasFlags" | "missing" | "min" | "max">;
function addColumn(def: ColDef, v: Float64Array, f?: Uint8Array): void {
  if (values[def.id]) throw new Error(`duplicate column ${def.id}`);
  let missing = 0;
  let min = Infinity;
  let max = -Infinity;
  const scale = 10 ** def.decimals;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(v[i])) {
      missing++;
      continue;
    }
    v[i] = Math.round(v[i] * scale) / scale; // what the loader will read back
    if (v[i] < min) min = v[i];
    if (v[i] > max) max = v[i];
  }
  const hasFlags = !!f && f.some((x) => x !== 0);
  if (missing > 0 && !hasFlags) throw new Error(`column ${def.id}: ${missing} missing values without flags`);
  values[def.id] = v;
  if (hasFlags) flags[def.id] = f!;
  columns.push({ ...def, hasFlags, missing, min, max });
}
const nan = () => new Float64Array(n).fill(NaN);

/** Reads an LSOA21-keyed file into columns; returns one array per field. */
function byLsoa21(
  rows: Record<string, string>[],
  key: string,
  fields: Record<string, (r: Record<string, string>) => number>,
) {
  const out: Record<string, Float64Array> = {};
  for (const k of Object.keys(fields)) out[k] = nan();
  for (const r of rows) {
    const i = rowOf.get(r[key]);
    if (i === undefined) continue;
    for (const [k, f] of Object.entries(fields)) out[k][i] = f(r);
  }
  for (const [k, v] of Object.entries(out)) {
    const miss = v.reduce((a, x) => a + (Number.isNaN(x) ? 1 : 0), 0);
    if (miss) log(`  ${k}: ${miss} LSOA21 missing in source`);
  }
  return out;
}

// ---------------------------------------------------------------- Census 2021 denominators and counts
log("census 2021");
{
  const age = nan().fill(0);
  const p015 = new Float64Array(n);
  const p1664 = new Float64Array(n);
  const p65 = new Float64Array(n);
  for (const r of readCsv(RAW, "population/census21_usual_residents_age6_lsoa21_EW.csv.gz")) {
    const i = rowOf.get(r.lsoa21_code);
    if (i === undefined) continue;
    const v = num(r.usual_residents);
    age[i] += v;
    if (/15 years and under/.test(r.age_group)) p015[i] += v;
    else if (/65 years and over/.test(r.age_group)) p65[i] += v;
    else p1664[i] += v;
  }
  const src = ["census21_age"];
  addColumn(
    {
      id: "pop_total",
      label: "Usual residents (Census 2021)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: src,
    },
    age,
  );
  addColumn(
    {
      id: "pop_0_15",
      label: "Usual residents aged 15 and under (Census 2021)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: src,
    },
    p015,
  );
  addColumn(
    {
      id: "pop_16_64",
      label: "Usual residents aged 16-64 (Census 2021)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: src,
    },
    p1664,
  );
  addColumn(
    {
      id: "pop_65_plus",
      label: "Usual residents aged 65 and over (Census 2021)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: src,
    },
    p65,
  );
}
const census = (file: string) => readCsv(RAW, `census2021/${file}`);
{
  const rows = census("census2021-ts054-lsoa.csv.gz");
  const total = col(rows[0], /Total: All households/);
  const c = byLsoa21(rows, "geography code", { households: (r) => num(r[total]) });
  addColumn(
    {
      id: "households",
      label: "Households (Census 2021 TS054)",
      type: "count",
      unit: "households",
      decimals: 0,
      status: "real",
      source: ["census21_ts054"],
    },
    c.households,
  );
}
{
  const rows = census("census2021-ts037-lsoa.csv.gz");
  const t = col(rows[0], /Total/);
  const b = col(rows[0], /: Bad health/);
  const vb = col(rows[0], /Very bad health/);
  const c = byLsoa21(rows, "geography code", { t: (r) => num(r[t]), b: (r) => num(r[b]), vb: (r) => num(r[vb]) });
  const s = ["census21_ts037"];
  addColumn(
    {
      id: "health_total",
      label: "All usual residents (TS037 base)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.t,
  );
  addColumn(
    {
      id: "health_bad",
      label: "Bad health (TS037)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.b,
  );
  addColumn(
    {
      id: "health_very_bad",
      label: "Very bad health (TS037)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.vb,
  );
}
{
  const rows = census("census2021-ts038-lsoa.csv.gz");
  const t = col(rows[0], /Total/);
  const lot = col(rows[0], /limited a lot/);
  const little = col(rows[0], /limited a little/);
  const c = byLsoa21(rows, "geography code", { t: (r) => num(r[t]), a: (r) => num(r[lot]), b: (r) => num(r[little]) });
  const s = ["census21_ts038"];
  addColumn(
    {
      id: "disability_total",
      label: "All usual residents (TS038 base)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.t,
  );
  addColumn(
    {
      id: "disabled_limited_a_lot",
      label: "Disabled, day-to-day activities limited a lot (TS038)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.a,
  );
  addColumn(
    {
      id: "disabled_limited_a_little",
      label: "Disabled, day-to-day activities limited a little (TS038)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.b,
  );
}
{
  const rows = census("census2021-ts062-lsoa.csv.gz");
  const t = col(rows[0], /Total/);
  const l13 = col(rows[0], /L1, L2 and L3/);
  const c = byLsoa21(rows, "geography code", { t: (r) => num(r[t]), a: (r) => num(r[l13]) });
  const s = ["census21_ts062"];
  addColumn(
    {
      id: "nssec_total",
      label: "Usual residents aged 16+ (TS062 base)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.t,
  );
  addColumn(
    {
      id: "nssec_l1_l3",
      label: "NS-SeC L1-L3 higher managerial, administrative and professional (TS062)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.a,
  );
}

// ---------------------------------------------------------------- fuel poverty (LSOA21)
log("fuel poverty");
{
  const c = byLsoa21(readCsv(RAW, "energy/fuel_poverty_2021_lsoa21_england.csv.gz"), "lsoa21_code", {
    h: (r) => num(r.households),
    fp: (r) => num(r.households_fuel_poor),
  });
  const s = ["desnz_fuel_poverty_2021"];
  addColumn(
    {
      id: "households_fp",
      label: "Households (DESNZ fuel poverty base, 2021)",
      type: "count",
      unit: "households",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.h,
  );
  addColumn(
    {
      id: "fuel_poor_households",
      label: "Fuel poor households (LILEE, 2021)",
      type: "count",
      unit: "households",
      decimals: 0,
      status: "real",
      source: s,
    },
    c.fp,
  );
}

// ---------------------------------------------------------------- IoD 2025 (LSOA21)
log("IoD 2025");
const iodInd = byLsoa21(readCsv(RAW, "imd/imd2025_england_lsoa21_indicators.csv.gz"), "lsoa21_code", {
  emp: (r) => num(r.employment_domain_numerator),
  idaci: (r) => num(r.income_deprivation_affecting_children_index_idaci_numerator),
  cidr: (r) => num(r.comparative_illness_and_disability_ratio_indicator),
  skills: (r) => num(r.adult_skills_and_english_language_proficiency_indicator),
  ypll: (r) => num(r.years_of_potential_life_lost_indicator),
  broadband: (r) => num(r.digital_connectivity_broadband_download_and_upload_speeds),
  connectivity: (r) => num(r.connectivity_score),
  gp: (r) => num(r.patient_to_gp_ratio),
});
const IMD_RANKS = {
  imd_rank: ["IMD_rank", "IoD 2025 Index of Multiple Deprivation rank (1 = most deprived)"],
  imd_income_rank: ["Income_rank", "IoD 2025 income domain rank (1 = most deprived)"],
  imd_employment_rank: ["Employment_rank", "IoD 2025 employment domain rank (1 = most deprived)"],
  imd_education_rank: ["Education_rank", "IoD 2025 education, skills and training domain rank (1 = most deprived)"],
  imd_health_rank: ["Health_rank", "IoD 2025 health deprivation and disability domain rank (1 = most deprived)"],
  imd_crime_rank: ["Crime_rank", "IoD 2025 crime domain rank (1 = most deprived)"],
  imd_housing_rank: [
    "Housing_and_Services_rank",
    "IoD 2025 barriers to housing and services domain rank (1 = most deprived)",
  ],
  imd_environment_rank: ["Environment_rank", "IoD 2025 living environment domain rank (1 = most deprived)"],
} as const;
const iodDom = byLsoa21(readCsv(RAW, "imd/imd2025_england_lsoa21.csv.gz"), "lsoa21_code", {
  imd: (r) => num(r.IMD_score),
  crime: (r) => num(r.Crime_score),
  imd_decile: (r) => num(r.IMD_decile),
  ...Object.fromEntries(
    Object.entries(IMD_RANKS).map(([id, [col]]) => [id, (r: Record<string, string>) => num(r[col])]),
  ),
});
const iodSub = byLsoa21(readCsv(RAW, "imd/imd2025_england_lsoa21_subdomains.csv.gz"), "lsoa21_code", {
  cyp: (r) => num(r.children_and_young_people_score),
});

/** Suppressed numerators → district rate × denominator (flag 1); numerators above the denominator are capped (flag 3). */
function imputeCount(
  numer: Float64Array,
  denom: Float64Array,
): { v: Float64Array; f: Uint8Array; imputed: number; capped: number } {
  const rate = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) if (Number.isFinite(numer[i]) && denom[i] > 0) rate[i] = numer[i] / denom[i];
  const valid = Float64Array.from(denom, (d, i) => (Number.isFinite(numer[i]) ? d : 0));
  const ladRate = groupMean(rate, ladIdx, lads.length, valid);
  const v = new Float64Array(n);
  const f = new Uint8Array(n);
  let imputed = 0;
  let capped = 0;
  for (let i = 0; i < n; i++) {
    let x = numer[i];
    if (!Number.isFinite(x)) {
      x = Math.round(ladRate[ladIdx[i]] * denom[i]);
      f[i] = FLAG.IMPUTED_DISTRICT_RATE;
      imputed++;
    }
    if (x > denom[i]) {
      x = denom[i];
      f[i] = FLAG.CAPPED;
      capped++;
    }
    v[i] = x;
  }
  return { v, f, imputed, capped };
}
{
  const w = imputeCount(iodInd.emp, values.pop_16_64);
  log(`  workless_benefits: ${w.imputed} imputed, ${w.capped} capped`);
  addColumn(
    {
      id: "workless_benefits",
      label: "IoD 2025 employment domain numerator (benefit-based worklessness count)",
      type: "count",
      unit: "people",
      decimals: 0,
      status: "proxy",
      source: ["iod2025_indicators"],
    },
    w.v,
    w.f,
  );
  const c = imputeCount(iodInd.idaci, values.pop_0_15);
  log(`  low_income_children: ${c.imputed} imputed, ${c.capped} capped`);
  addColumn(
    {
      id: "low_income_children",
      label: "IoD 2025 IDACI numerator (children 0-15 in income-deprived families)",
      type: "count",
      unit: "children",
      decimals: 0,
      status: "proxy",
      source: ["iod2025_indicators"],
    },
    c.v,
    c.f,
  );
}
const s25 = ["iod2025_indicators"];
addColumn(
  {
    id: "disability_benefits_ratio",
    label: "IoD 2025 comparative illness and disability ratio",
    type: "value",
    unit: "ratio (England = 100)",
    decimals: 3,
    status: "proxy",
    source: s25,
  },
  iodInd.cidr,
);
addColumn(
  {
    id: "no_quals_rate",
    label: "IoD 2025 adult skills and English language proficiency indicator",
    type: "proportion",
    unit: "proportion of working-age adults",
    decimals: 4,
    status: "proxy",
    source: s25,
  },
  iodInd.skills,
);
addColumn(
  {
    id: "mortality_ratio",
    label: "IoD 2025 years of potential life lost indicator",
    type: "value",
    unit: "standardised YPLL",
    decimals: 3,
    status: "proxy",
    source: s25,
  },
  iodInd.ypll,
);
addColumn(
  {
    id: "broadband_speed",
    label: "IoD 2025 digital connectivity (broadband download and upload speeds) indicator; higher = worse",
    type: "value",
    unit: "score",
    decimals: 3,
    status: "proxy",
    source: s25,
  },
  iodInd.broadband,
);
addColumn(
  {
    id: "travel_hospital",
    label: "IoD 2025 connectivity score (access to services by all modes); higher = better",
    type: "value",
    unit: "score 0-100",
    decimals: 3,
    status: "proxy",
    source: s25,
  },
  iodInd.connectivity,
);
addColumn(
  {
    id: "patients_per_gp",
    label: "IoD 2025 patient-to-GP ratio",
    type: "value",
    unit: "patients per FTE GP",
    decimals: 3,
    status: "proxy",
    source: s25,
  },
  iodInd.gp,
);
addColumn(
  {
    id: "crime_score",
    label: "IoD 2025 crime domain score",
    type: "value",
    unit: "score",
    decimals: 3,
    status: "proxy",
    source: ["iod2025_domains"],
  },
  iodDom.crime,
);
addColumn(
  {
    id: "imd_score",
    label: "IoD 2025 IMD score (context; drives the synthetic model)",
    type: "value",
    unit: "score",
    decimals: 3,
    status: "real",
    source: ["iod2025_domains"],
  },
  iodDom.imd,
);
// the IMD 2025 as published (ranks and decile), a ready second index for HLN.DUAL and the Dual sheet
for (const [id, [, label]] of Object.entries(IMD_RANKS))
  addColumn(
    { id, label, type: "value", unit: "rank", decimals: 0, status: "real", source: ["iod2025_domains"] },
    iodDom[id],
  );
addColumn(
  {
    id: "imd_decile",
    label: "IoD 2025 IMD decile (1 = the most deprived 10%)",
    type: "value",
    unit: "decile",
    decimals: 0,
    status: "real",
    source: ["iod2025_domains"],
  },
  iodDom.imd_decile,
);
addColumn(
  {
    id: "cyp_education_score",
    label: "IoD 2025 children and young people sub-domain score",
    type: "value",
    unit: "score",
    decimals: 3,
    status: "proxy",
    source: ["iod2025_subdomains"],
  },
  iodSub.cyp,
);

// ---------------------------------------------------------------- LSOA 2011 → LSOA 2021 (mid-2020 ages, DPI, IoD 2019 GP distance)
log("LSOA 2011 → 2021");
const lk11 = readCsv(RAW, "geography/lsoa11_lsoa21_lad22_EW.csv.gz").filter((r) => r.lsoa21_code.startsWith("E"));
const codes11 = [...new Set(lk11.map((r) => r.lsoa11_code))].sort();
const from11 = codeIndex(
  lk11.map((r) => r.lsoa11_code),
  codes11,
);
const to11 = codeIndex(
  lk11.map((r) => r.lsoa21_code),
  codes,
);
if (to11.some((t) => t < 0)) throw new Error("LSOA11→21 lookup has unknown LSOA21 codes");
const share11 = crosswalkWeights(from11, to11, values.pop_total, codes11.length);
const row11 = new Map(codes11.map((c, i) => [c, i]));
function byLsoa11(rows: Record<string, string>[], key: string, f: (r: Record<string, string>) => number): Float64Array {
  const out = new Float64Array(codes11.length).fill(NaN);
  for (const r of rows) {
    const i = row11.get(r[key]);
    if (i !== undefined) out[i] = f(r);
  }
  return out;
}
{
  const rows = readCsv(RAW, "population/population_mid2020_sya_lsoa11_EW.csv.gz");
  const sumAges = (r: Record<string, string>, hi: number) => {
    let s = 0;
    for (let a = 0; a <= hi; a++) s += num(r[String(a)]);
    return s;
  };
  const tot = byLsoa11(rows, "lsoa11_code", (r) => num(r.total_population));
  const p019 = byLsoa11(rows, "lsoa11_code", (r) => sumAges(r, 19));
  const p07 = byLsoa11(rows, "lsoa11_code", (r) => sumAges(r, 7));
  const s = ["ons_sape_mid2020"];
  const conv = "LSOA 2011 → 2021 count apportioning";
  addColumn(
    {
      id: "pop_0_19",
      label: "Population aged 0-19, mid-2020 (LSOA11 apportioned)",
      type: "count",
      unit: "people",
      decimals: 1,
      status: "real",
      source: s,
      note: conv,
    },
    apportionCounts(p019, from11, to11, share11, n),
  );
  addColumn(
    {
      id: "pop_0_7",
      label: "Population aged 0-7, mid-2020 (LSOA11 apportioned)",
      type: "count",
      unit: "people",
      decimals: 1,
      status: "real",
      source: s,
      note: conv,
    },
    apportionCounts(p07, from11, to11, share11, n),
  );
  const rateWeight = Float64Array.from(share11, (w, p) => w * tot[from11[p]]);
  const dpi = byLsoa11(readCsv(RAW, "digital/ons_dpi_census2021_lsoa11_EW.csv.gz"), "lsoa11_code", (r) =>
    num(r.dpi_score),
  );
  addColumn(
    {
      id: "digital_propensity",
      label: "ONS Digital Propensity Index score (Census 2021 online returns)",
      type: "value",
      unit: "score 0-100",
      decimals: 2,
      status: "real",
      source: ["ons_dpi"],
      note: "LSOA 2011 → 2021 population-weighted",
    },
    apportionRates(dpi, from11, to11, rateWeight, n),
  );
  const gp = byLsoa11(readCsv(RAW, "imd/imd2019_england_lsoa11_indicators.csv.gz"), "lsoa11_code", (r) =>
    num(r.road_distance_to_a_gp_surgery_indicator_km),
  );
  addColumn(
    {
      id: "travel_gp",
      label: "IoD 2019 road distance to a GP surgery (km)",
      type: "value",
      unit: "km",
      decimals: 3,
      status: "proxy",
      source: ["iod2019_indicators"],
      note: "LSOA 2011 → 2021 population-weighted",
    },
    apportionRates(gp, from11, to11, rateWeight, n),
  );
}

// ---------------------------------------------------------------- MSOA 2011 → MSOA 2021 → LSOA 2021 (income)
log("MSOA income");
{
  const inc = readCsv(RAW, "income/ons_income_fye2020_msoa11_EW.csv").filter((r) => r.msoa11_code.startsWith("E"));
  const m11 = inc.map((r) => r.msoa11_code);
  const m21 = [...new Set(msoa21Code)].sort();
  const lk = readCsv(RAW, "geography/msoa11_msoa21_lad22_EW.csv").filter((r) => r.msoa21_code.startsWith("E"));
  const pairs = lk.map((r) => [r.msoa11_code, r.msoa21_code]);
  // The MSOA11→MSOA21 file lists one row per MSOA11, so 81 split-off MSOA21 are unreached. Add
  // their pairs from the LSOA11→LSOA21 lookup: an LSOA11 name minus its letter is its MSOA11 name.
  const reached = new Set(pairs.map((p) => p[1]));
  const m11ByName = new Map(inc.map((r) => [r.msoa11_name, r.msoa11_code]));
  const seenPair = new Set(pairs.map((p) => p.join()));
  let added = 0;
  for (const r of lk11) {
    const m21 = msoaOf.get(r.lsoa21_code)!;
    if (reached.has(m21)) continue;
    const m11 = m11ByName.get(r.lsoa11_name.slice(0, -1));
    if (m11 && !seenPair.has(`${m11},${m21}`)) {
      seenPair.add(`${m11},${m21}`);
      pairs.push([m11, m21]);
      added++;
    }
  }
  log(`  ${added} MSOA11→MSOA21 pairs added from LSOA names`);
  const f = codeIndex(
    pairs.map((p) => p[0]),
    m11,
  );
  const t = codeIndex(
    pairs.map((p) => p[1]),
    m21,
  );
  if (f.some((x) => x < 0) || t.some((x) => x < 0)) throw new Error("MSOA lookup codes not found");
  const pop21 = new Float64Array(m21.length);
  const m21Idx = codeIndex(msoa21Code, m21);
  for (let i = 0; i < n; i++) pop21[m21Idx[i]] += values.pop_total[i];
  const share = crosswalkWeights(f, t, pop21, m11.length);
  const income21 = apportionRates(
    Float64Array.from(inc, (r) => num(r.net_income_bhc_equivalised)),
    f,
    t,
    share,
    m21.length,
  );
  addColumn(
    {
      id: "median_income",
      label: "ONS modelled mean net equivalised household income before housing costs, FYE 2020 (£/year)",
      type: "value",
      unit: "£ per year",
      decimals: 0,
      status: "proxy",
      source: ["ons_income_fye2020"],
      note: "MSOA 2011 → MSOA 2021 → LSOA 2021",
    },
    assignDown(income21, m21Idx),
  );
}

// ---------------------------------------------------------------- local-authority indicators
log("LA indicators");
const lad22to23 = readCsv(RAW, "geography/lad22_lad23_UK.csv");
/** County before the April 2023 reorganisation, for sources still on 2022 upper-tier codes. */
const UTLA_PREDECESSOR: Record<string, string> = {
  E06000063: "E10000006", // Cumberland ← Cumbria
  E06000064: "E10000006", // Westmorland and Furness ← Cumbria
  E06000065: "E10000023", // North Yorkshire ← North Yorkshire CC
  E06000066: "E10000027", // Somerset ← Somerset CC
};
/** Pre-2021 district codes, for LA series still on older codes (e.g. DfT journey times 2019). */
const LAD_PREDECESSORS: Record<string, string[]> = {
  E08000037: ["E08000020"], // Gateshead (code change 2013)
  E06000057: ["E06000048"], // Northumberland (code change 2013)
  E06000058: ["E06000028", "E06000029", "E07000048"], // BCP ← Bournemouth, Poole, Christchurch (2019)
  E06000059: ["E07000049", "E07000050", "E07000051", "E07000052", "E07000053"], // Dorset (2019)
  E06000060: ["E07000004", "E07000005", "E07000006", "E07000007"], // Buckinghamshire (2020)
  E06000061: ["E07000150", "E07000152", "E07000153", "E07000156"], // North Northamptonshire (2021)
  E06000062: ["E07000151", "E07000154", "E07000155"], // West Northamptonshire (2021)
};
/**
 * Values per LAD24 from an area-code map: the LAD's own (or, for UTLA sources, its UTLA's) value;
 * else the mean of its pre-2023 predecessors / county (flag 4); else missing (flag 2).
 */
function laValues(map: Map<string, number>, level: "LAD" | "UTLA"): { v: Float64Array; f: Uint8Array } {
  const v = new Float64Array(lads.length).fill(NaN);
  const f = new Uint8Array(lads.length);
  lads.forEach((l, k) => {
    const own = level === "LAD" ? l.code : l.utlaCode;
    if (map.has(own)) {
      v[k] = map.get(own)!;
      return;
    }
    const cands: number[] = [];
    if (level === "LAD") {
      for (const r of lad22to23)
        if (r.ltla23_code === l.code && r.ltla22_code !== l.code && map.has(r.ltla22_code))
          cands.push(map.get(r.ltla22_code)!);
      if (!cands.length) for (const c of LAD_PREDECESSORS[l.code] ?? []) if (map.has(c)) cands.push(map.get(c)!);
      if (!cands.length && map.has(l.utlaCode)) cands.push(map.get(l.utlaCode)!);
    }
    const pred = UTLA_PREDECESSOR[l.utlaCode];
    if (!cands.length && pred && map.has(pred)) cands.push(map.get(pred)!);
    if (cands.length) {
      v[k] = cands.reduce((a, b) => a + b, 0) / cands.length;
      f[k] = FLAG.FROM_PARENT_OR_PREDECESSOR;
    } else f[k] = FLAG.NOT_COVERED;
  });
  return { v, f };
}
function laColumn(def: ColDef, map: Map<string, number>, level: "LAD" | "UTLA", transform = (x: number) => x): void {
  const { v, f } = laValues(map, level);
  const cover = f.reduce((a, x) => a + (x === 0 ? 1 : 0), 0);
  const fill = f.reduce((a, x) => a + (x === FLAG.FROM_PARENT_OR_PREDECESSOR ? 1 : 0), 0);
  log(`  ${def.id}: ${cover} LAD direct, ${fill} from parent/predecessor, ${lads.length - cover - fill} missing`);
  const lsoaV = assignDown(v.map(transform), ladIdx);
  const lsoaF = Uint8Array.from(ladIdx, (k) => f[k]);
  addColumn(def, lsoaV, lsoaF);
}
const els = readCsv(RAW, "la_indicators/ons_explore_local_statistics_selected_england.csv.gz");
function elsMap(dataset: string, indicator: RegExp, period: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of els) {
    if (r.dataset !== dataset || !indicator.test(r.indicator) || r.period !== period) continue;
    const x = num(r.observation);
    if (Number.isFinite(x) && !m.has(r.areacd)) m.set(r.areacd, x);
  }
  if (!m.size) throw new Error(`no ELS rows for ${dataset} ${indicator} ${period}`);
  return m;
}
const ks2 = elsMap(
  "pupils-at-expected-standards-by-end-of-primary-school",
  /reading, writing and maths/,
  "2022-09-01/P1Y",
);
laColumn(
  {
    id: "ks2_rwm_pct",
    label: "% pupils meeting the KS2 expected standard in RWM, 2022/23",
    type: "percent",
    unit: "%",
    decimals: 2,
    status: "real",
    source: ["ons_els"],
  },
  ks2,
  "LAD",
);
{
  const rows = readCsv(RAW, "education/dfe_ks4_2223_la_data_revised.csv.gz").filter(
    (r) => r.time_period === "202223" && r.gender === "Total" && r.geographic_level === "Local authority",
  );
  const em = new Map<string, number>();
  const p8 = new Map<string, number>();
  for (const r of rows) {
    if (Number.isFinite(num(r.pt_l2basics_95))) em.set(r.new_la_code, num(r.pt_l2basics_95));
    if (Number.isFinite(num(r.avg_p8score))) p8.set(r.new_la_code, num(r.avg_p8score));
  }
  const s = ["dfe_ks4_2223"];
  laColumn(
    {
      id: "ks4_em5_pct",
      label: "% KS4 pupils achieving grade 5+ in English and maths, 2022/23",
      type: "percent",
      unit: "%",
      decimals: 2,
      status: "real",
      source: s,
    },
    em,
    "UTLA",
  );
  laColumn(
    {
      id: "progress8",
      label: "Average Progress 8 score, 2022/23",
      type: "value",
      unit: "score",
      decimals: 3,
      status: "real",
      source: s,
    },
    p8,
    "UTLA",
  );
}
{
  const m = new Map<string, number>();
  for (const r of readCsv(RAW, "la_indicators/ons_subnational_indicators_2024-03_england.csv.gz")) {
    if (r.indicator === "State-funded schools rated good or outstanding" && Number.isFinite(num(r.value)))
      m.set(r.area_code, num(r.value));
  }
  laColumn(
    {
      id: "ofsted_good_pct",
      label: "% state-funded schools rated Good or Outstanding (Ofsted, 31 Jan 2024)",
      type: "percent",
      unit: "%",
      decimals: 2,
      status: "real",
      source: ["ons_subnational"],
    },
    m,
    "UTLA",
  );
}
{
  const male = elsMap("healthy-life-expectancy", /^Male/, "2020-01-01/P3Y");
  const female = elsMap("healthy-life-expectancy", /^Female/, "2020-01-01/P3Y");
  const m = new Map<string, number>();
  for (const [k, v] of male) if (female.has(k)) m.set(k, (v + female.get(k)!) / 2);
  laColumn(
    {
      id: "life_expectancy",
      label: "Healthy life expectancy at birth, mean of male and female, 2020-22 (years)",
      type: "value",
      unit: "years",
      decimals: 2,
      status: "proxy",
      source: ["ons_els"],
    },
    m,
    "UTLA",
  );
}
{
  const g22 = elsMap("gross-value-added", /per filled job/, "2022-01-01/P1Y");
  const g12 = elsMap("gross-value-added", /per filled job/, "2012-01-01/P1Y");
  laColumn(
    {
      id: "gva_per_head",
      label: "GVA per filled job, 2022 (£, LAD)",
      type: "value",
      unit: "£",
      decimals: 0,
      status: "proxy",
      source: ["ons_els"],
    },
    g22,
    "LAD",
  );
  const ch = new Map<string, number>();
  for (const [k, v] of g22) if (g12.has(k)) ch.set(k, (v / g12.get(k)! - 1) * 100);
  laColumn(
    {
      id: "gva_change",
      label: "% change in GVA per filled job 2012-2022 (current prices, LAD)",
      type: "value",
      unit: "%",
      decimals: 2,
      status: "proxy",
      source: ["ons_els"],
    },
    ch,
    "LAD",
  );
  const ghg = elsMap("greenhouse-gas-emissions", /Greenhouse gas/, "2022-01-01/P1Y");
  laColumn(
    {
      id: "carbon_footprint",
      label: "Territorial greenhouse gas emissions per capita, 2022 (kg CO2e, LAD)",
      type: "value",
      unit: "kg CO2e per person",
      decimals: 0,
      status: "proxy",
      source: ["ons_els"],
    },
    ghg,
    "LAD",
    (x) => x * 1000,
  );
  const jt = elsMap("average-travel-time", /Public transport or walk/, "2019-01-01/P1Y");
  laColumn(
    {
      id: "jobs_access",
      label:
        "Average minimum travel time to an employment centre by public transport/walk, 2019 (minutes, LAD); higher = worse access",
      type: "value",
      unit: "minutes",
      decimals: 2,
      status: "proxy",
      source: ["ons_els"],
    },
    jt,
    "LAD",
  );
}

// ---------------------------------------------------------------- synthetic columns (seeded model)
log("synthetic");
const driverZ = (v: Float64Array, sign: 1 | -1) => {
  const z = normalScore(v);
  return Float64Array.from(z, (x) => (Number.isFinite(x) ? sign * x : 0));
};
const rateOf = (a: string, b: string) => Float64Array.from(values[a], (x, i) => x / values[b][i]);
const DRIVERS: Record<string, () => Float64Array> = {
  no_quals_low: () => driverZ(values.no_quals_rate, -1),
  urban: () => driverZ(values.travel_hospital, 1),
  higher_occupations: () => driverZ(rateOf("nssec_l1_l3", "nssec_total"), 1),
  fuel_poverty_rural: () => {
    const a = driverZ(rateOf("fuel_poor_households", "households_fp"), 1);
    const b = driverZ(values.travel_hospital, -1);
    return Float64Array.from(a, (x, i) => (x + b[i]) / Math.SQRT2);
  },
  deprivation: () => driverZ(values.imd_score, 1),
};
for (const s of SYNTHETIC) {
  const drv = DRIVERS[s.driver]();
  const g = normalGenerator(mulberry32(hashString(`${SEED}:${s.id}`)));
  const laEff = Float64Array.from(lads, () => g());
  const v = new Float64Array(n);
  const r = s.rho;
  for (let i = 0; i < n; i++) {
    const noise = Math.sqrt(s.laShare) * laEff[ladIdx[i]] + Math.sqrt(1 - s.laShare) * g();
    const z = r * drv[i] + Math.sqrt(1 - r * r) * noise;
    const x = s.log ? Math.exp(Math.log(s.median) + s.sd * z) : s.median + s.sd * z;
    v[i] = Math.min(s.max, Math.max(s.min, x));
  }
  addColumn(
    {
      id: s.id,
      label: `SYNTHETIC: ${s.label}`,
      type: s.type,
      unit: s.unit,
      decimals: s.decimals,
      status: "synthetic",
      source: ["synthetic"],
      note: s.model,
    },
    v,
  );
}

// ---------------------------------------------------------------- metadata
const spec = JSON.parse(readFileSync(join(ROOT, "src", "core", "specs", "hln.json"), "utf8"));
const indicators: IndicatorMeta[] = [];
for (const d of spec.dimensions) {
  const groups: { id: string | null; indicators: Record<string, unknown>[] }[] = d.subdimensions
    ? d.subdimensions.map((s: { label: string; indicators: Record<string, unknown>[] }) => ({
        id: s.label,
        indicators: s.indicators,
      }))
    : [{ id: null, indicators: d.indicators }];
  for (const grp of groups) {
    for (const ind of grp.indicators as Record<string, any>[]) {
      const cat = INDICATORS[ind.id] ?? (ind.id === "crime" ? INDICATORS.crime_domain : undefined);
      if (!cat) throw new Error(`catalogue has no entry for indicator ${ind.id}`);
      const cols: string[] = ind.kind === "count" ? [...ind.numerator, ind.denominator] : [ind.value];
      for (const c of cols) if (!values[c]) throw new Error(`indicator ${ind.id}: column ${c} was not built`);
      const status: DataStatus = cat.status;
      for (const c of cols) {
        const cm = columns.find((x) => x.id === c)!;
        if (c === ind.value || (ind.numerator ?? []).includes(c)) {
          if (cm.status !== status)
            throw new Error(`indicator ${ind.id}: status ${status} but column ${c} is ${cm.status}`);
        }
      }
      indicators.push({
        id: ind.id,
        label: ind.label,
        dimension: d.label,
        subdimension: grp.id,
        status,
        kind: ind.kind,
        columns: cols,
        ...(ind.kind === "count" ? { numerator: ind.numerator, denominator: ind.denominator } : { value: ind.value }),
        polarity: ind.polarity,
        shrink: ind.shrink,
        publisher: cat.publisher,
        dataset: cat.dataset,
        edition: cat.edition,
        originalGeography: cat.originalGeography,
        conversion: cat.conversion,
        licence: cat.licence,
        paperIndicator: cat.paperIndicator,
        ...(cat.replaces ? { replaces: cat.replaces } : {}),
        caveat: cat.caveat,
        sources: cat.sources,
      });
    }
  }
}
const OGL = "Contains public sector information licensed under the Open Government Licence v3.0.";
const meta: BundleMeta = {
  format: "hln-lsoa21-bundle",
  version: FORMAT_VERSION,
  title: "Hyper-local Need indicators for England's LSOAs (2021 boundaries)",
  generatedBy: "scripts/prepare-data.ts (npm run prepare-data)",
  n,
  excluded: [
    { code: SCILLY, reason: "Isles of Scilly: KS2 and Ofsted data missing/suppressed (paper, step 2 note 5)" },
  ],
  attribution: `${OGL} Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2024.`,
  sources: SOURCES,
  lads,
  flags: Object.fromEntries(Object.entries(FLAG_MESSAGE).map(([k, v]) => [k, v])),
  columns,
  indicators,
  syntheticModel: {
    seed: SEED,
    description:
      "For each synthetic column: z = rho × d + sqrt(1 − rho²) × (sqrt(a) × u_LAD + sqrt(1 − a) × e), with d the normal score of a real driver column, u_LAD ~ N(0,1) one draw per LAD24 (clustering share a), e ~ N(0,1) per LSOA; value = median × exp(sd × z) (log-normal) or median + sd × z, clamped to [min, max]. Draws from mulberry32 seeded with FNV-1a(seed:column id), LADs then LSOAs in code order.",
    columns: Object.fromEntries(SYNTHETIC.map((s) => [s.id, s.model])),
  },
  specEdits: SPEC_EDITS,
};

const header: PayloadHeader = {
  n,
  lsoa21Code: codes,
  lsoa21Name: lsoaRows.map((r) => r.lsoa21_name),
  msoa21Code,
  msoa21Name,
  ward24Code,
  ward24Name,
  lad: Array.from(ladIdx),
};
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "hln-lsoa21.meta.json"), JSON.stringify(meta, null, 1) + "\n");
const gz = encodePayload(header, columns, values, flags);
writeFileSync(join(OUT, "hln-lsoa21.bin.gz"), gz);
log(`wrote ${columns.length} columns, payload ${(gz.length / 1e6).toFixed(2)} MB`);
// the loaders refuse any other bytes: record both files' SHA-256 in src/data/bundleHashes.ts
for (const [f, h] of Object.entries(writeBundleHashes(OUT))) log(`${f} sha256=${h}`);

// ---------------------------------------------------------------- boundaries (copied as published, compact TopoJSON)
mkdirSync(OUT_BOUNDARIES, { recursive: true });
writeFileSync(
  join(OUT_BOUNDARIES, "lad24_england_buc.topojson"),
  readFileSync(join(RAW, "boundaries/lad24_england_buc.topojson")),
);
writeFileSync(
  join(OUT_BOUNDARIES, "lsoa21_england_bsc.topojson.gz"),
  readFileSync(join(RAW, "boundaries/lsoa21_england_bsc.topojson.gz")),
);
log("boundaries copied");
