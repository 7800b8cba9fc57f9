import { readFileSync, statSync } from "fs";
import { join } from "path";
import { BundleError, FLAG, parseBundle, toMeasureData, validateBundle, type Bundle } from "../../src/data";
import { DEFAULT_BUNDLE_DIR, loadBundleFromDir, META_FILE, PAYLOAD_FILE } from "../../src/data/node";

const spec = JSON.parse(readFileSync(join(__dirname, "..", "..", "src", "core", "specs", "hln.json"), "utf8"));
type SpecInd = { id: string; kind: string; value?: string; numerator?: string[]; denominator?: string };
const specIndicators: SpecInd[] = spec.dimensions.flatMap(
  (d: { indicators?: SpecInd[]; subdimensions?: { indicators: SpecInd[] }[] }) =>
    d.subdimensions ? d.subdimensions.flatMap((s) => s.indicators) : d.indicators!,
);

let bundle: Bundle;
beforeAll(() => {
  bundle = loadBundleFromDir();
});

describe("committed bundle", () => {
  test("size budget: indicators + metadata ≤ 8 MB, boundaries ≤ 4 MB", () => {
    const size =
      statSync(join(DEFAULT_BUNDLE_DIR, META_FILE)).size + statSync(join(DEFAULT_BUNDLE_DIR, PAYLOAD_FILE)).size;
    expect(size).toBeLessThan(8e6);
    const bdir = join(DEFAULT_BUNDLE_DIR, "..", "boundaries");
    const bsize =
      statSync(join(bdir, "lad24_england_buc.topojson")).size +
      statSync(join(bdir, "lsoa21_england_bsc.topojson.gz")).size;
    expect(bsize).toBeLessThan(4e6);
  });

  test("33,755 unique LSOA21 codes, each with LAD24, UTLA and region", () => {
    const g = bundle.geography;
    expect(bundle.n).toBe(33755);
    expect(new Set(g.lsoa21Code).size).toBe(33755);
    expect(new Set(g.ladCode).size).toBe(296);
    expect(new Set(g.utlaCode).size).toBe(153);
    expect(new Set(g.regionCode).size).toBe(9);
    expect(new Set(g.msoa21Code).size).toBe(6856);
    const bad = g.lsoa21Code.filter(
      (_, i) =>
        !/^E0[6-9]\d{6}$/.test(g.ladCode[i]) ||
        !/^E(0[6-9]|10|11)\d{6}$/.test(g.utlaCode[i]) ||
        !/^E12\d{6}$/.test(g.regionCode[i]),
    );
    expect(bad).toEqual([]);
  });

  test("Isles of Scilly present and excluded by default", () => {
    const i = bundle.geography.lsoa21Code.indexOf("E01019077");
    expect(i).toBeGreaterThanOrEqual(0);
    expect(bundle.geography.excluded[i]).toBe(1);
    expect(bundle.geography.excluded.reduce((a, x) => a + x, 0)).toBe(1);
  });

  test("every indicator of the default spec is present with metadata and a status", () => {
    for (const ind of specIndicators) {
      const meta = bundle.meta.indicators.find((m) => m.id === ind.id);
      expect(meta).toBeDefined();
      expect(["real", "proxy", "synthetic"]).toContain(meta!.status);
      for (const field of [
        "publisher",
        "dataset",
        "edition",
        "originalGeography",
        "conversion",
        "licence",
        "paperIndicator",
      ] as const) {
        expect(typeof meta![field]).toBe("string");
      }
      if (meta!.status === "proxy") expect(meta!.replaces || meta!.caveat).toBeTruthy();
      const cols = ind.kind === "count" ? [...ind.numerator!, ind.denominator!] : [ind.value!];
      for (const c of cols) expect(bundle.columns[c]).toBeInstanceOf(Float64Array);
    }
  });

  test("synthetic columns are labelled as such", () => {
    const synth = bundle.meta.columns.filter((c) => c.status === "synthetic");
    expect(synth.map((c) => c.id).sort()).toEqual(
      ["childcare_ratio", "epc_fg_pct", "high_growth_jobs_pct", "jobs_density", "level3_plus_pct"].sort(),
    );
    for (const c of synth) expect(c.label.startsWith("SYNTHETIC")).toBe(true);
  });

  test("value ranges are sane", () => {
    const within = (id: string, lo: number, hi: number, maxMissing = 0) => {
      const v = bundle.columns[id];
      let miss = 0;
      const out: number[] = [];
      for (const x of v) {
        if (Number.isNaN(x)) miss++;
        else if (x < lo || x > hi) out.push(x);
      }
      expect({ id, out: out.slice(0, 5) }).toEqual({ id, out: [] });
      expect(miss).toBeLessThanOrEqual(maxMissing);
    };
    within("pop_total", 500, 15000);
    within("no_quals_rate", 0, 1);
    within("digital_propensity", 70, 100);
    within("ks2_rwm_pct", 30, 90, 10);
    within("ks4_em5_pct", 10, 80, 10);
    within("progress8", -1.5, 1.5, 10);
    within("ofsted_good_pct", 50, 100, 15000);
    within("median_income", 10000, 100000);
    within("crime_score", -5, 5);
    // proportions of every count indicator
    for (const ind of specIndicators.filter((i) => i.kind === "count")) {
      const den = bundle.columns[ind.denominator!];
      let bad = 0;
      for (let i = 0; i < bundle.n; i++) {
        const num = ind.numerator!.reduce((a, c) => a + bundle.columns[c][i], 0);
        if (!(num / den[i] >= 0 && num / den[i] <= 1)) bad++;
      }
      expect({ id: ind.id, bad }).toEqual({ id: ind.id, bad: 0 });
    }
  });

  test("missing values are all flagged; Ofsted gap is the shire counties", () => {
    const f = bundle.flags.ofsted_good_pct;
    const v = bundle.columns.ofsted_good_pct;
    let unflagged = 0;
    for (let i = 0; i < bundle.n; i++) if (Number.isNaN(v[i]) && f[i] !== FLAG.NOT_COVERED) unflagged++;
    expect(unflagged).toBe(0);
    const g = bundle.geography;
    const manchester = g.ladName.indexOf("Manchester");
    expect(v[manchester]).toBeGreaterThan(0); // metropolitan districts are covered; City of London and Scilly are not
    const missingUtla = new Set(g.utlaCode.filter((_, i) => Number.isNaN(v[i])));
    for (const u of missingUtla)
      expect(u).toMatch(/^E(10\d{6}|06000063|06000064|06000065|06000066|09000001|06000053)$/);
  });

  test("toMeasureData gives the core's input", () => {
    const d = toMeasureData(bundle);
    expect(d.areaCodes.length).toBe(33755);
    expect(d.groupCodes[0]).toMatch(/^E0/);
    expect(d.population).toBe(bundle.columns.pop_total);
    for (const ind of specIndicators)
      expect(d.columns[ind.kind === "count" ? ind.denominator! : ind.value!]).toBeDefined();
  });

  test("loads twice to identical columns (load time: npm run bench)", () => {
    const a = loadBundleFromDir();
    const b = loadBundleFromDir();
    expect(b.n).toBe(a.n);
    expect(Array.from(b.columns.pop_total)).toEqual(Array.from(a.columns.pop_total));
  });
});

describe("validation errors are precise", () => {
  const meta = readFileSync(join(DEFAULT_BUNDLE_DIR, META_FILE), "utf8");
  const gz = new Uint8Array(readFileSync(join(DEFAULT_BUNDLE_DIR, PAYLOAD_FILE)));
  const fresh = () => parseBundle(meta, gz, { validate: false });
  test("duplicate code", () => {
    const b = fresh();
    b.geography.lsoa21Code[1] = b.geography.lsoa21Code[0];
    expect(() => validateBundle(b)).toThrow(/E01000001 appears twice/);
  });
  test("numerator above denominator", () => {
    const b = fresh();
    b.columns.health_bad[5] = b.columns.health_total[5] + 1;
    expect(() => validateBundle(b)).toThrow(BundleError);
    expect(() => validateBundle(b)).toThrow(/bad_health|health_bad/);
  });
  test("undocumented missing value", () => {
    const b = fresh();
    b.columns.crime_score[3] = NaN;
    expect(() => validateBundle(b)).toThrow(/crime_score.*missing value without a flag/);
  });
  test("unknown LAD", () => {
    const m = JSON.parse(meta);
    m.lads = m.lads.slice(0, 10);
    expect(() => parseBundle(m, gz)).toThrow(/not in the metadata's LAD table/);
  });
});
