import fc from "fast-check";
import { shrink, SHRINK_STATUS } from "../../src/core/shrink";
import { shrinkValue } from "../../src/core/shrinkValue";

describe("shrink (step 4, Appendix B)", () => {
  // Hand-worked from the Appendix B formulas (values computed independently, 1e-12):
  // district of three LSOAs r/n = 10/100, 30/100, 5/20; district totals r = 45, n = 220.
  test("hand-worked example: m, s², M, t², w and the shrunk proportion", () => {
    const out = shrink([10, 30, 5], [100, 100, 20], [0, 0, 0]);
    const m = [-2.1539745935424026, -0.837886026204857, -1.0360919316867756];
    const s2 = [0.10291708291708292, 0.04680599727396638, 0.240625];
    const M = -1.349926716949016;
    const t2 = 0.503585464636343;
    const w = [0.8303105513204508, 0.9149587148181565, 0.6766707652819945];
    const z = [0.11737399838162647, 0.2928814060809959, 0.2427679139644308];
    for (let j = 0; j < 3; j++) {
      expect(out.logit[j]).toBeCloseTo(m[j], 12);
      expect(out.s2[j]).toBeCloseTo(s2[j], 12);
      expect(out.districtLogit[j]).toBeCloseTo(M, 12);
      expect(out.t2[j]).toBeCloseTo(t2, 12);
      expect(out.weight[j]).toBeCloseTo(w[j], 12);
      expect(out.value[j]).toBeCloseTo(z[j], 12);
      expect(out.status[j]).toBe(SHRINK_STATUS.OK);
    }
    // the small area (n = 20) has the least weight and moves most towards the district
    expect(out.weight[2]).toBeLessThan(out.weight[0]);
  });

  test("audit columns formed on first use: exactly their formulas, fixed against later input changes, replaceable", () => {
    const groups = new Int32Array([0, 0, 0, 1, 2, 2, 3]);
    // district 1: one area (w = 1); district 3: only a bad row
    const out = shrink([10, 30, 5, 4, 3, 9, -1], [100, 100, 20, 50, 30, 30, 10], groups);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(["districtLogit", "t2", "weight", "shrunkLogit"]));
    groups.fill(1); // the caller reuses its codes: the result keeps its own copy
    const M = [-1.349926716949016, Math.log(4.5 / 46.5), Math.log(12.5 / 48.5)];
    expect(out.weight[0]).toBeCloseTo(0.8303105513204508, 15);
    expect(out.weight[3]).toBe(1);
    for (let i = 0; i < 6; i++) {
      const g = [0, 0, 0, 1, 2, 2][i];
      expect(out.districtLogit[i]).toBeCloseTo(M[g], 14);
      // to the last bit: w = (1/s²) / (1/s² + 1/t²), m* = w m + (1 − w) M, the value its antilogit
      const p = 1 / out.s2[i];
      if (i !== 3) expect(out.weight[i]).toBe(p / (p + 1 / out.t2[i]));
      const w = out.weight[i];
      expect(out.shrunkLogit[i]).toBe(w * out.logit[i] + (1 - w) * out.districtLogit[i]);
      expect(out.value[i]).toBe(1 / (1 + Math.exp(-out.shrunkLogit[i])));
    }
    expect(out.t2[3]).toBeNaN();
    expect([out.districtLogit[6], out.t2[6], out.weight[6], out.shrunkLogit[6]]).toEqual([NaN, NaN, NaN, NaN]);
    expect(out.weight).toBe(out.weight); // formed once
    out.t2 = new Float64Array(7); // a lean build empties columns: assignment replaces the getter
    expect(out.t2.every((x) => x === 0)).toBe(true);
    expect({ ...out }.shrunkLogit).toBe(out.shrunkLogit);
  });

  test("districts are independent: a second district does not change the first", () => {
    const a = shrink([10, 30, 5], [100, 100, 20], [0, 0, 0]);
    const b = shrink([10, 7, 30, 9, 5], [100, 50, 100, 60, 20], [0, 1, 0, 1, 0]);
    expect(b.value[0]).toBeCloseTo(a.value[0], 14);
    expect(b.value[2]).toBeCloseTo(a.value[1], 14);
    expect(b.value[4]).toBeCloseTo(a.value[2], 14);
  });

  test("edge cases: each bad row is flagged with NaN and left out of its district", () => {
    const out = shrink([1, -1, 5, 3, NaN, 10, 30, 5], [10, 10, 4, 0, 10, 100, 100, 20], [0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(out.status.slice(0, 5))).toEqual([
      SHRINK_STATUS.OK,
      SHRINK_STATUS.NEGATIVE,
      SHRINK_STATUS.R_GT_N,
      SHRINK_STATUS.N_ZERO,
      SHRINK_STATUS.MISSING,
    ]);
    for (let j = 1; j < 5; j++) expect(Number.isNaN(out.value[j])).toBe(true);
    // district totals use only the valid rows: r = 1 + 45, n = 10 + 220
    expect(out.districtLogit[0]).toBeCloseTo(Math.log(46.5 / 184.5), 12);
  });

  test("a district with one area is not shrunk (w = 1): value = (r + 0.5)/(n + 1)", () => {
    const out = shrink([3, 10, 30], [10, 100, 100], [0, 1, 1]);
    expect(out.status[0]).toBe(SHRINK_STATUS.SINGLE_AREA);
    expect(out.weight[0]).toBe(1);
    expect(out.value[0]).toBeCloseTo(3.5 / 11, 12);
    expect(Number.isNaN(out.t2[0])).toBe(true);
  });

  test("t² = 0 (identical areas) gives w = 0 and the district rate", () => {
    // m_j = ln(5.5/5.5) = 0 = M = ln(10.5/10.5): no between-area variance
    const out = shrink([5, 5], [10, 10], [0, 0]);
    for (let j = 0; j < 2; j++) {
      expect(out.t2[j]).toBe(0);
      expect(out.status[j]).toBe(SHRINK_STATUS.HOMOGENEOUS);
      expect(out.weight[j]).toBe(0);
      expect(out.value[j]).toBe(0.5);
    }
  });

  test("excluded rows and rows without a district are flagged", () => {
    const out = shrink([1, 2, 3], [10, 10, 10], [0, -1, 0], { exclude: [1, 0, 0] });
    expect(out.status[0]).toBe(SHRINK_STATUS.EXCLUDED);
    expect(out.status[1]).toBe(SHRINK_STATUS.NO_GROUP);
    expect(out.status[2]).toBe(SHRINK_STATUS.SINGLE_AREA);
  });

  test("columns of different lengths are a whole-call error", () => {
    expect(() => shrink([1, 2], [3], [0, 0])).toThrow(/denominators has 1 rows/);
  });

  const counts = fc
    .array(
      fc.tuple(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 4 }),
      ),
      { minLength: 1, maxLength: 60 },
    )
    .map((rows) => ({
      n: rows.map(([n]) => n),
      r: rows.map(([n, p]) => Math.floor(n * p)),
      g: rows.map(([, , g]) => g),
    }));

  test("property: weights in [0, 1]; each shrunk logit lies between the area's logit and its district's", () => {
    fc.assert(
      fc.property(counts, ({ r, n, g }) => {
        const out = shrink(r, n, g);
        for (let i = 0; i < r.length; i++) {
          const w = out.weight[i];
          expect(w).toBeGreaterThanOrEqual(0);
          expect(w).toBeLessThanOrEqual(1);
          const lo = Math.min(out.logit[i], out.districtLogit[i]) - 1e-12;
          const hi = Math.max(out.logit[i], out.districtLogit[i]) + 1e-12;
          expect(out.shrunkLogit[i]).toBeGreaterThanOrEqual(lo);
          expect(out.shrunkLogit[i]).toBeLessThanOrEqual(hi);
          expect(out.value[i]).toBeGreaterThan(0);
          expect(out.value[i]).toBeLessThan(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  test("property: output order follows input order (row permutation invariance)", () => {
    fc.assert(
      fc.property(counts, fc.infiniteStream(fc.nat()), ({ r, n, g }, seeds) => {
        const perm = r.map((_, i) => i);
        for (let i = perm.length - 1; i > 0; i--) {
          const j = seeds.next().value % (i + 1);
          [perm[i], perm[j]] = [perm[j], perm[i]];
        }
        const a = shrink(r, n, g);
        const b = shrink(
          perm.map((i) => r[i]),
          perm.map((i) => n[i]),
          perm.map((i) => g[i]),
        );
        perm.forEach((src, k) => expect(b.value[k]).toBeCloseTo(a.value[src], 10));
      }),
      { numRuns: 200 },
    );
  });
});

describe("shrinkValue (precision-weighted, values with a standard error)", () => {
  test("hand-worked: x = 10, 20, 30 with se 1, 2, 10 in one district", () => {
    // M = 20, t² = (100 + 0 + 100)/2 = 100; w = (1/se²)/(1/se² + 1/100)
    const out = shrinkValue([10, 20, 30], [1, 2, 10], [0, 0, 0]);
    const w = [1 / (1 + 0.01), 0.25 / (0.25 + 0.01), 0.01 / (0.01 + 0.01)];
    expect(out.districtLogit[0]).toBe(20);
    expect(out.t2[0]).toBe(100);
    w.forEach((wi, j) => expect(out.weight[j]).toBeCloseTo(wi, 12));
    expect(out.value[2]).toBeCloseTo(0.5 * 30 + 0.5 * 20, 12);
  });
});
