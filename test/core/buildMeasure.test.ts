import fc from "fast-check";
import { buildMeasure } from "../../src/core/buildMeasure";
import { weightedSum } from "../../src/core/combine";
import { expScore, expTransform, scaleRank } from "../../src/core/expTransform";
import { normalScore } from "../../src/core/normalScore";
import { shrink } from "../../src/core/shrink";
import { MeasureSpec, validateSpec } from "../../src/core/spec";
import { hlnSpec } from "../../src/core/specs";
import { syntheticMeasureData } from "../helpers/synthetic";

const tiny: MeasureSpec = validateSpec({
  id: "tiny",
  label: "Tiny measure",
  dimensions: [
    {
      id: "a",
      label: "A",
      weight: 0.75,
      subdimensions: [
        {
          id: "a1",
          label: "A1",
          indicators: [
            {
              id: "claims",
              label: "Claims",
              kind: "count",
              numerator: ["c1", "c2"],
              denominator: "pop",
              polarity: 1,
              shrink: true,
            },
            { id: "income", label: "Income", kind: "value", value: "inc", polarity: -1, shrink: false, weight: 2 },
          ],
        },
      ],
    },
    {
      id: "b",
      label: "B",
      weight: 0.25,
      indicators: [{ id: "crime", label: "Crime", kind: "value", value: "cr", polarity: 1, shrink: false }],
    },
  ],
});

const data = {
  areaCodes: ["X1", "X2", "X3", "X4", "X5", "X6"],
  groupCodes: ["L1", "L1", "L1", "L2", "L2", "L2"],
  columns: {
    c1: [10, 20, 5, 40, 8, 12],
    c2: [5, 5, 1, 10, 2, 3],
    pop: [100, 120, 60, 200, 90, 150],
    inc: [30, 25, 40, 20, 35, 28],
    cr: [1.5, 0.2, -0.3, 2.1, 0.9, -1.0],
  },
  population: [1500, 1600, 1400, 1700, 1550, 1650],
};

describe("buildMeasure", () => {
  test("each step equals the core functions composed by hand (steps 3–9)", () => {
    const m = buildMeasure(tiny, data, { exclude: [] });
    const r = data.columns.c1.map((x, i) => x + data.columns.c2[i]);
    const groups = [0, 0, 0, 1, 1, 1];
    const claims = shrink(r, data.columns.pop, groups).value;
    expect(Array.from(m.indicators[0].shrunk)).toEqual(Array.from(claims));
    expect(Array.from(m.indicators[0].raw)).toEqual(r.map((x, i) => x / data.columns.pop[i]));
    const zClaims = normalScore(claims);
    const zIncome = normalScore(data.columns.inc.map((x) => -x));
    expect(Array.from(m.indicators[1].normal)).toEqual(Array.from(zIncome));
    const a1 = weightedSum([zClaims, zIncome], [1, 2]);
    expect(Array.from(m.subdimensions[0].raw)).toEqual(Array.from(a1));
    const a1x = expTransform(a1, 23, "hln");
    const dimA = expTransform(weightedSum([a1x], [1]), 23, "hln");
    const dimB = expTransform(normalScore(data.columns.cr), 23, "hln");
    expect(Array.from(m.dimensions[0].transformed)).toEqual(Array.from(dimA));
    expect(Array.from(m.dimensions[1].transformed)).toEqual(Array.from(dimB));
    const overall = weightedSum([dimA, dimB], [0.75, 0.25]);
    expect(Array.from(m.overall)).toEqual(Array.from(overall));
    // the published-scale score is the exponential transform of the overall rank
    const top = m.overall.indexOf(Math.max(...m.overall));
    expect(m.rank[top]).toBe(1);
    expect(m.score[top]).toBeCloseTo(expScore(scaleRank(6, 6, "hln")), 12);
    expect(m.decile[top]).toBe(2); // ceil(10 × 1 / 6)
    expect(m.hotspot[top]).toBe(1);
    expect(m.weights.nominal[0]).toBeCloseTo(0.75, 14);
  });

  test("polarity −1: directed = −shrunk, formed on first read; the normal scores are those of −shrunk", () => {
    const m = buildMeasure(tiny, data);
    const down = m.indicators.filter((r) => r.spec.polarity === -1);
    expect(down.length).toBeGreaterThan(0);
    for (const r of down) {
      expect(Object.keys(r)).toContain("directed");
      expect(Array.from(r.directed)).toEqual(Array.from(r.shrunk, (x) => -x));
      expect(r.directed).toBe(r.directed);
      expect(Array.from(r.normal)).toEqual(Array.from(normalScore(r.directed)));
    }
    for (const r of m.indicators.filter((x) => x.spec.polarity === 1)) expect(r.directed).toBe(r.shrunk);
  });

  test("excluded areas are NaN everywhere and are not counted", () => {
    const m = buildMeasure(tiny, data, { exclude: ["X2"] });
    expect(m.n).toBe(5);
    for (const col of [m.indicators[0].shrunk, m.indicators[1].normal, m.overall, m.score, m.rank, m.decile]) {
      expect(col[1]).toBeNaN();
    }
    expect(Math.max(...Array.from(m.rank).filter(Number.isFinite))).toBe(5);
  });

  test("weight overrides by id change the result; unknown ids and bad weights are precise errors", () => {
    const a = buildMeasure(tiny, data);
    const b = buildMeasure(tiny, data, { weights: { a: 0, b: 1 } });
    expect(Array.from(b.rank)).not.toEqual(Array.from(a.rank));
    expect(() => buildMeasure(tiny, data, { weights: { nope: 1 } })).toThrow('weights.nope: "nope" is not a dimension');
    expect(() => buildMeasure(tiny, data, { weights: { a: 0, b: 0 } })).toThrow(
      /weights sum to 0 \(combining dimensions\)/,
    );
    expect(() => buildMeasure(tiny, data, { constant: -2 })).toThrow(
      "options.constant: must be a number greater than 0",
    );
  });

  test("a missing data column names the spec field", () => {
    const bad = { ...data, columns: { ...data.columns, inc: undefined as never } };
    expect(() => buildMeasure(tiny, bad)).toThrow(
      'dimensions[0].subdimensions[0].indicators[1].value: data has no column "inc"',
    );
  });

  test("a missing indicator value is reweighted within its sub-dimension", () => {
    const inc = [...data.columns.inc];
    inc[0] = NaN;
    const m = buildMeasure(tiny, { ...data, columns: { ...data.columns, inc } });
    expect(m.indicators[1].normal[0]).toBeNaN();
    expect(m.subdimensions[0].raw[0]).toBeCloseTo(m.indicators[0].normal[0] * 3, 12);
  });

  test("the default HLN spec builds on data of the bundled shape: published-scale top score 99.95-style", () => {
    const d = syntheticMeasureData(hlnSpec, 2000, 25, 7);
    d.areaCodes[5] = "E01019077";
    const m = buildMeasure(hlnSpec, d);
    expect(m.n).toBe(1999);
    expect(m.excluded[5]).toBe(1);
    expect(m.indicators).toHaveLength(31);
    expect(m.subdimensions).toHaveLength(9);
    expect(m.dimensions.map((x) => x.id)).toEqual(["growth", "energy", "crime", "opportunity", "nhs"]);
    const best = m.rank.indexOf(1);
    expect(m.score[best]).toBeCloseTo(expScore(1999 / 2000), 12);
    expect(m.districts.areas.reduce((s, x) => s + x, 0)).toBe(1999);
  });

  test("property: row permutation invariance and output order follows input order", () => {
    const base = syntheticMeasureData(tiny, 40, 4, 3);
    fc.assert(
      fc.property(fc.infiniteStream(fc.nat()), (seeds) => {
        const perm = base.areaCodes.map((_, i) => i);
        for (let i = perm.length - 1; i > 0; i--) {
          const j = seeds.next().value % (i + 1);
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const pick = <T>(xs: ArrayLike<T>) => perm.map((i) => xs[i]);
        const columns: Record<string, number[]> = {};
        for (const [k, v] of Object.entries(base.columns)) columns[k] = pick(v);
        const a = buildMeasure(tiny, base);
        const b = buildMeasure(tiny, { areaCodes: pick(base.areaCodes), groupCodes: pick(base.groupCodes), columns });
        perm.forEach((src, k) => {
          expect(b.score[k]).toBeCloseTo(a.score[src], 10);
          expect(b.rank[k]).toBe(a.rank[src]);
        });
      }),
      { numRuns: 50 },
    );
  });
});
