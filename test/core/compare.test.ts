import { compareRankings } from "../../src/core/compare";
import { HlnError } from "../../src/core/errors";
import { parseScenario, scenarioJson } from "../../src/core/scenario";
import { defaultSettings } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";

describe("compareRankings", () => {
  test("a hand-worked example: 10 areas, 2 groups", () => {
    // N = 10: top 10% = rank 1, top 20% = ranks 1–2
    const base = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const cur = [3, 1, 2, 4, 5, 6, 7, 8, 10, 9];
    const groups = [0, 0, 1, 1, 0, 1, 0, 1, 0, 1];
    const c = compareRankings(base, cur, groups, 2);
    expect(Array.from(c.shift)).toEqual([2, -1, -1, 0, 0, 0, 0, 0, 1, -1]);
    expect(Array.from(c.top10)).toEqual([-1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(c.top20)).toEqual([-1, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(c.meanAbsShift).toBeCloseTo(0.6, 12);
    expect(c.decileChanged).toBe(5); // areas 1, 2, 3, 9, 10
    expect([c.entered10, c.left10, c.entered20, c.left20]).toEqual([1, 1, 1, 1]);
    expect(Array.from(c.groups.baseTop10)).toEqual([1, 0]);
    expect(Array.from(c.groups.top10)).toEqual([1, 0]);
    expect(Array.from(c.groups.entered10)).toEqual([1, 0]);
    expect(Array.from(c.groups.meanShift)).toEqual([2 / 5, -2 / 5]);
    expect(Array.from(c.groups.meanAbsShift)).toEqual([4 / 5, 2 / 5]);
  });

  test("missing ranks are left out", () => {
    const c = compareRankings([1, NaN, 2], [2, 1, 1], [0, 0, 0], 1);
    expect(Number.isNaN(c.shift[1])).toBe(true);
    expect(c.meanAbsShift).toBe(1);
  });
});

describe("scenarios", () => {
  test("round trip, and settings left out are the spec's", () => {
    const s = defaultSettings(hlnSpec);
    s.weights.growth = 0.4;
    s.constant = 20;
    const back = parseScenario(JSON.parse(JSON.stringify(scenarioJson("more growth", s))), hlnSpec);
    expect(back.name).toBe("more growth");
    expect(back.settings.weights.growth).toBe(0.4);
    expect(back.settings.constant).toBe(20);
    const partial = parseScenario({ name: "x", settings: { weights: { energy: 0 } } }, hlnSpec);
    expect(partial.settings.weights.energy).toBe(0);
    expect(partial.settings.weights.growth).toBe(defaultSettings(hlnSpec).weights.growth);
  });

  const bad: [unknown, string][] = [
    [[], "scenario"],
    [{ name: "" }, "name"],
    [{ name: "x", colour: 1 }, "colour"],
    [{ name: "x", settings: { weights: { growht: 1 } } }, "settings.weights.growht"],
    [{ name: "x", settings: { weights: { growth: -1 } } }, "settings.weights.growth"],
    [{ name: "x", settings: { constant: 0 } }, "settings.constant"],
    [{ name: "x", settings: { offset: "median" } }, "settings.offset"],
    [{ name: "x", settings: { speed: 3 } }, "settings.speed"],
  ];
  test.each(bad)("%j names %s", (x, path) => {
    try {
      parseScenario(x, hlnSpec);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(HlnError);
      expect((e as HlnError).path).toBe(path);
    }
  });
});
