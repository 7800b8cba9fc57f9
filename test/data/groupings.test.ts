import { areaSummary } from "../../src/core/summaries/areaSummary";
import { groupIndex } from "../../src/core/groupIndex";
import { areaGrouping, BundleError, GROUPINGS, validateBundle, type Bundle } from "../../src/data";
import { loadBundleFromDir } from "../../src/data/node";

let bundle: Bundle;
beforeAll(() => {
  bundle = loadBundleFromDir();
});

describe("areaGrouping: group code and name per LSOA for every grouping", () => {
  test("group counts: 296 LAD, 153 UTLA, 9 regions, 6,856 MSOA, 6,784 wards; one name per code", () => {
    const counts: Record<string, number> = {};
    for (const id of GROUPINGS) {
      const a = areaGrouping(bundle, id);
      expect(a.codes).toHaveLength(bundle.n);
      expect(a.names).toHaveLength(bundle.n);
      const nameOf = new Map<string, string>();
      for (let i = 0; i < bundle.n; i++) {
        const prev = nameOf.get(a.codes[i]);
        if (prev !== undefined && prev !== a.names[i]) throw new Error(`${id} ${a.codes[i]}: ${prev} / ${a.names[i]}`);
        nameOf.set(a.codes[i], a.names[i]);
      }
      counts[id] = nameOf.size;
    }
    expect(counts).toEqual({ lad: 296, utla: 153, region: 9, msoa: 6856, ward: 6784 });
    expect(areaGrouping(bundle).id).toBe("lad");
  });

  test("known areas: E01012049 in Ladgate ward (Middlesbrough), E01000001 in City of London 001", () => {
    const i = bundle.geography.lsoa21Code.indexOf("E01012049");
    const w = areaGrouping(bundle, "ward");
    expect([w.codes[i], w.names[i]]).toEqual(["E05009861", "Ladgate"]);
    const j = bundle.geography.lsoa21Code.indexOf("E01000001");
    const m = areaGrouping(bundle, "msoa");
    expect([m.codes[j], m.names[j]]).toEqual(["E02000001", "City of London 001"]);
    expect(w.codes.every((c) => /^E05\d{6}$/.test(c))).toBe(true);
    expect(m.codes.every((c) => /^E02\d{6}$/.test(c))).toBe(true);
  });

  test("an unknown grouping or a bundle without ward names is a clear BundleError", () => {
    expect(() => areaGrouping(bundle, "county")).toThrow(
      new BundleError("UNKNOWN_GROUPING", 'grouping "county": expected one of lad, utla, region, msoa, ward'),
    );
    const old = { ...bundle, geography: { ...bundle.geography, ward24Code: undefined } };
    expect(() => areaGrouping(old, "ward")).toThrow(/this bundle has no ward codes and names/);
  });

  test("validateBundle names a row without a ward and a ward column of the wrong length", () => {
    const codes = [...bundle.geography.ward24Code!];
    codes[7] = "";
    const bad = { ...bundle, geography: { ...bundle.geography, ward24Code: codes } };
    expect(() => validateBundle(bad)).toThrow(`row 7 (${bundle.geography.lsoa21Code[7]}): no ward24Code`);
    const short = { ...bundle, geography: { ...bundle.geography, msoa21Name: ["x"] } };
    expect(() => validateBundle(short)).toThrow("geography msoa21Name has 1 rows, expected 33755");
  });

  test("summaries by ward: every ward summarised, only the unscored areas reported", () => {
    const w = groupIndex(areaGrouping(bundle, "ward").codes);
    const pop = bundle.columns.pop_total;
    const s = areaSummary(pop, w.codes, pop);
    expect(s.areas.length).toBe(6784);
    expect(s.problems).toEqual([]);
    expect(Array.from(s.score).every(Number.isFinite)).toBe(true);
  });
});
