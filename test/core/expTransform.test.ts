import { expScore, expTransform, scaleRank } from "../../src/core/expTransform";

const PUBLISHED_TOP20 = [
  99.95, 99.9, 99.84, 99.79, 99.74, 99.69, 99.64, 99.59, 99.54, 99.49, 99.44, 99.38, 99.33, 99.28, 99.23, 99.18, 99.13,
  99.08, 99.03, 98.98,
];

describe("exponential transform (Appendix C)", () => {
  test("hand-worked values of X = −C ln(1 − R(1 − e^(−100/C)))", () => {
    expect(expScore(1, 23)).toBeCloseTo(100, 12);
    expect(expScore(0, 23)).toBe(0); // exactly 0 (not −0) for the least-needy area
    // R = 0.5: −23 ln(1 − 0.5 × (1 − e^(−100/23))) = 23 ln 2 − 23 ln(1 + e^(−4.3478…)) ≈ 15.6465
    const k = 1 - Math.exp(-100 / 23);
    expect(expScore(0.5, 23)).toBeCloseTo(-23 * Math.log(1 - 0.5 * k), 12);
    expect(expScore(0.5, 23)).toBeCloseTo(15.6465, 3);
    // the top 10% of areas take the scores from 50 to 100 (Appendix C): R = 0.9 gives ~50
    expect(expScore(0.9, 23)).toBeCloseTo(50.43, 2);
  });

  test("hln scaling reproduces the paper's top-20 table from ranks 1–20 of 33,754", () => {
    const n = 33754;
    PUBLISHED_TOP20.forEach((published, i) => {
      const ascending = n - i; // need rank i+1
      const x = expScore(scaleRank(ascending, n, "hln"));
      expect(Math.round(x * 100) / 100).toBe(published);
    });
  });

  test("iod scaling (rank/N) does not reproduce the table: it gives 100.00 at rank 1", () => {
    const n = 33754;
    expect(expScore(scaleRank(n, n, "iod"))).toBeCloseTo(100, 10);
    expect(Math.round(expScore(scaleRank(n, n, "iod")) * 100) / 100).not.toBe(PUBLISHED_TOP20[0]);
  });

  test("expTransform ranks first, keeps NaN, and is monotone", () => {
    const x = expTransform([3, NaN, 1, 2], 23, "iod");
    expect(Number.isNaN(x[1])).toBe(true);
    expect(x[2]).toBeCloseTo(expScore(1 / 3), 12);
    expect(x[3]).toBeCloseTo(expScore(2 / 3), 12);
    expect(x[0]).toBeCloseTo(100, 12);
  });
});
