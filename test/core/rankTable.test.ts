import { mapRanked, rankTable, rankTableEntries } from "../../src/core/rankTable";

describe("rankTable memo", () => {
  test("the same key and N give the same table; f is evaluated at 1, 1.5, …, N", () => {
    const a = rankTable("test|id", 3, (r) => r * 10);
    expect(Array.from(a.subarray(2))).toEqual([10, 15, 20, 25, 30]);
    expect(rankTable("test|id", 3, () => NaN)).toBe(a);
  });

  test("large tables are evicted to stay within 8 M entries (1 M-area builds with varying N)", () => {
    for (let k = 0; k < 12; k++) rankTable(`test|big|${k}`, 1_000_000 - k, (r) => r);
    expect(rankTableEntries()).toBeLessThanOrEqual(8 << 20);
    // still correct after evictions
    const out = mapRanked([3, 1, 2, 2], "test|avg", (r) => r);
    expect(Array.from(out)).toEqual([4, 1, 2.5, 2.5]);
  });
});
