import { existsSync, readFileSync } from "fs";
import { join, resolve } from "path";
import { gunzipSync } from "zlib";
import Papa from "papaparse";
import { loadBundleFromDir } from "../../src/data/node";

// Spot checks against the raw files: need ../shared/data/raw beside the repo.
const RAW = resolve(__dirname, "..", "..", "..", "shared", "data", "raw");
const haveRaw = existsSync(join(RAW, "PROVENANCE.md"));
if (!haveRaw) console.log(`spotcheck.test.ts: raw folder ${RAW} not found, skipping spot checks against raw files`);
const d = haveRaw ? describe : describe.skip;

function csv(file: string): Record<string, string>[] {
  let buf = readFileSync(join(RAW, file));
  if (file.endsWith(".gz")) buf = gunzipSync(buf);
  const text = buf.toString("utf8").replace(/^\uFEFF/, "");
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

d("bundle values match the raw files", () => {
  const b = loadBundleFromDir();
  const row = (code: string) => b.geography.lsoa21Code.indexOf(code);
  const ts037 = csv("census2021/census2021-ts037-lsoa.csv.gz");
  const blackpool = ts037.find((r) => r.geography.startsWith("Blackpool 0"))!["geography code"];
  const named = ["E01000001", blackpool];

  test.each(named)("Census TS037/TS038/TS062 for %s", (code) => {
    const i = row(code);
    const h = ts037.find((r) => r["geography code"] === code)!;
    expect(b.columns.health_bad[i]).toBe(Number(h["General health: Bad health"]));
    expect(b.columns.health_very_bad[i]).toBe(Number(h["General health: Very bad health"]));
    expect(b.columns.health_total[i]).toBe(Number(h["General health: Total: All usual residents"]));
    const dis = csv("census2021/census2021-ts038-lsoa.csv.gz").find((r) => r["geography code"] === code)!;
    const lot = Object.keys(dis).find((k) => k.endsWith("limited a lot"))!;
    expect(b.columns.disabled_limited_a_lot[i]).toBe(Number(dis[lot]));
  });

  test.each(named)("IoD 2025 crime, CYP and fuel poverty for %s", (code) => {
    const i = row(code);
    const dom = csv("imd/imd2025_england_lsoa21.csv.gz").find((r) => r.lsoa21_code === code)!;
    expect(b.columns.crime_score[i]).toBeCloseTo(Number(dom.Crime_score), 3);
    const sub = csv("imd/imd2025_england_lsoa21_subdomains.csv.gz").find((r) => r.lsoa21_code === code)!;
    expect(b.columns.cyp_education_score[i]).toBeCloseTo(Number(sub.children_and_young_people_score), 3);
    const fp = csv("energy/fuel_poverty_2021_lsoa21_england.csv.gz").find((r) => r.lsoa21_code === code)!;
    expect(b.columns.fuel_poor_households[i]).toBe(Number(fp.households_fuel_poor));
  });

  test("City of London 001A: unchanged LSOA keeps its DPI score; MSOA income assigned down", () => {
    const i = row("E01000001");
    expect(b.columns.digital_propensity[i]).toBeCloseTo(97.0, 2);
    const inc = csv("income/ons_income_fye2020_msoa11_EW.csv").find((r) => r.msoa11_code === "E02000001")!;
    expect(b.columns.median_income[i]).toBe(Number(inc.net_income_bhc_equivalised));
  });

  test("Blackpool: KS4 and Progress 8 are Blackpool's DfE LA values", () => {
    const i = row(blackpool);
    const ks4 = csv("education/dfe_ks4_2223_la_data_revised.csv.gz").find(
      (r) => r.time_period === "202223" && r.gender === "Total" && r.new_la_code === "E06000009",
    )!;
    expect(b.columns.ks4_em5_pct[i]).toBeCloseTo(Number(ks4.pt_l2basics_95), 2);
    expect(b.columns.progress8[i]).toBeCloseTo(Number(ks4.avg_p8score), 3);
    expect(b.geography.ladName[i]).toBe("Blackpool");
  });

  test("England totals survive LSOA11 → LSOA21 apportioning (mid-2020 ages 0-19)", () => {
    const rows = csv("population/population_mid2020_sya_lsoa11_EW.csv.gz").filter((r) => r.lsoa11_code.startsWith("E"));
    let raw = 0;
    for (const r of rows) for (let a = 0; a <= 19; a++) raw += Number(r[String(a)]);
    const bundled = b.columns.pop_0_19.reduce((a, x) => a + x, 0);
    expect(Math.abs(bundled - raw) / raw).toBeLessThan(1e-4);
  });

  test("every LSOA's ward (May 2024) and MSOA21 code and name are the raw lookups'", () => {
    const ward = new Map(csv("geography/lsoa21_ward24_lad24_EW.csv.gz").map((r) => [r.lsoa21_code, r]));
    const msoa = new Map(csv("geography/lsoa21_msoa21_lad22_rgn22_EW.csv.gz").map((r) => [r.LSOA21CD, r]));
    const g = b.geography;
    const bad = g.lsoa21Code.filter((c, i) => {
      const w = ward.get(c)!;
      const m = msoa.get(c)!;
      return (
        g.ward24Code![i] !== w.ward24_code ||
        g.ward24Name![i] !== w.ward24_name ||
        g.msoa21Code[i] !== m.MSOA21CD ||
        g.msoa21Name![i] !== m.MSOA21NM
      );
    });
    expect(bad).toEqual([]);
  });
});
