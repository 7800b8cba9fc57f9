import "./d3umd";
import {
  classify,
  classOfValue,
  choroplethColours,
  decileColours,
  featureAt,
  fitView,
  geometryContains,
  hotspotColours,
  invertView,
  lsoaColours,
  palette,
  prepareBoundaries,
  renderSvg,
  zoomView,
  HOTSPOT_COLOURS,
  MISSING_COLOUR,
} from "../../src/map";
import { mapDataFromColumns } from "../../src/taskpane/map/workbookColumns";
import type { Topology } from "topojson-specification";

describe("classify (quantile classes)", () => {
  test("distinct values: class = ⌈k·p/n⌉ − 1 for ascending position p", () => {
    const v = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    const c = classify(v, 5);
    expect(c.upper).toEqual([2, 4, 6, 8, 10]);
    expect(Array.from(c.classOf)).toEqual([2, 0, 4, 1, 3, 0, 3, 1, 2, 4]);
    expect(c.counts).toEqual([2, 2, 2, 2, 2]);
    for (let p = 1; p <= 10; p++) expect(classOfValue(p, c.upper)).toBe(Math.ceil((5 * p) / 10) - 1);
  });
  test("uneven n, ties and missing values", () => {
    const c = classify([1, 1, 1, 2, NaN, 3, 3, Infinity], 3);
    // finite sorted: 1 1 1 2 3 3 (n = 6): uppers at positions 2, 4, 6
    expect(c.upper).toEqual([1, 2, 3]);
    expect(Array.from(c.classOf)).toEqual([0, 0, 0, 1, -1, 2, 2, -1]);
    expect(c.min).toBe(1);
    expect(() => classify([1], 0)).toThrow();
  });
  test("choropleth colours and legend (darkest = highest), missing white", () => {
    const col = choroplethColours([0.1, 0.5, NaN, 0.9, 0.3, 0.7], {
      k: 5,
      percent: true,
      title: "t",
    });
    expect(col.colours).toEqual([
      palette(5)[0],
      palette(5)[2],
      MISSING_COLOUR,
      palette(5)[4],
      palette(5)[1],
      palette(5)[3],
    ]);
    expect(col.legend[0].label).toBe(">70.0% – 90.0% (most need)");
    expect(col.legend[4].label).toBe("10.0% – 10.0%");
    expect(col.legend[5]).toEqual({
      colour: MISSING_COLOUR,
      label: "No data",
      count: 1,
    });
  });
  test("hotspot and decile colours", () => {
    const h = hotspotColours([1, 2, 3, 10, NaN]);
    expect(Array.from(h.classes)).toEqual([2, 1, 0, 0, -1]);
    expect(h.colours).toEqual([
      HOTSPOT_COLOURS.top10,
      HOTSPOT_COLOURS.top20,
      HOTSPOT_COLOURS.other,
      HOTSPOT_COLOURS.other,
      HOTSPOT_COLOURS.missing,
    ]);
    const d = decileColours([1, 10, 5]);
    expect(d.colours).toEqual([palette(10)[9], palette(10)[0], palette(10)[5]]);
    const l = lsoaColours(["X", "Y", "Z"], { codes: ["Z", "X"], decile: [2, 1] }, "hotspots");
    expect(Array.from(l.classes)).toEqual([2, -1, 1]);
  });
});

describe("boundaries, views and hit testing", () => {
  // two unit squares side by side near 2°W 52°N, with a hole in the first, quantised
  const topo = {
    type: "Topology",
    transform: { scale: [0.001, 0.001], translate: [-3, 52] },
    objects: {
      areas: {
        type: "GeometryCollection",
        geometries: [
          {
            type: "Polygon",
            arcs: [[0], [1]],
            properties: { lad_code: "E06000001", lad_name: "West" },
          },
          {
            type: "Polygon",
            arcs: [[2]],
            properties: { lad_code: "E06000002", lad_name: "East" },
          },
        ],
      },
    },
    arcs: [
      [
        [0, 0],
        [0, 1000],
        [1000, 0],
        [0, -1000],
        [-1000, 0],
      ],
      [
        [250, 250],
        [500, 0],
        [0, 500],
        [-500, 0],
        [0, -500],
      ],
      [
        [1000, 0],
        [1000, 0],
        [0, 1000],
        [-1000, 0],
        [0, -1000],
      ],
    ],
  } as unknown as Topology;
  const b = prepareBoundaries(topo);

  test("prepareBoundaries: codes, names, planar bounds ≈ km (transverse Mercator on 2°W), north up", () => {
    expect(b.kind).toBe("lad");
    expect(b.features.map((f) => [f.code, f.name])).toEqual([
      ["E06000001", "West"],
      ["E06000002", "East"],
    ]);
    const [[x0, y0], [x1, y1]] = b.bounds;
    // 2° of longitude at 52–53°N ≈ 135 km; 1° of latitude ≈ 111 km
    expect(x1 - x0).toBeGreaterThan(125);
    expect(x1 - x0).toBeLessThan(140);
    expect(y1 - y0).toBeGreaterThan(108);
    expect(y1 - y0).toBeLessThan(114);
    // north (53°N) is up: smaller y
    const west = b.features[0].bbox;
    expect(west[1]).toBeLessThan(west[3]);
  });

  test("fitView / zoomView / invertView and featureAt (holes excluded)", () => {
    const v = fitView(b.bounds, 400, 300, 10);
    const [[x0, y0], [x1]] = b.bounds;
    expect(v.k * x0 + v.tx).toBeGreaterThanOrEqual(9.999);
    expect(v.k * x1 + v.tx).toBeLessThanOrEqual(390.001);
    expect(Math.min(v.k * x0 + v.tx, v.k * y0 + v.ty)).toBeCloseTo(10, 6);
    const z = zoomView(v, 2, 200, 150);
    expect(invertView(z, 200, 150)).toEqual(invertView(v, 200, 150));
    const w = b.features[0].bbox;
    const e = b.features[1].bbox;
    expect(featureAt(b, w[0] + 0.1 * (w[2] - w[0]), (w[1] + w[3]) / 2)).toBe(0);
    expect(featureAt(b, (w[0] + w[2]) / 2, (w[1] + w[3]) / 2)).toBe(-1); // in the hole
    expect(featureAt(b, (e[0] + e[2]) / 2, (e[1] + e[3]) / 2)).toBe(1);
    expect(geometryContains(b.features[1].geometry, w[0], w[1] - 10)).toBe(false);
  });

  test("renderSvg: one path per feature with code, class and fill; legend; evenodd holes", () => {
    const c = choroplethColours([1, 2], { k: 3, title: "Test" });
    const svg = renderSvg(b, c, { width: 300, height: 200, title: "T" });
    expect(svg.match(/<path data-code=/g)).toHaveLength(2);
    expect(svg).toContain(`data-code="E06000002" data-class="2" fill="${palette(3)[2]}"`);
    expect(svg).toContain('fill-rule="evenodd"');
    expect(svg).toContain("(most need)");
    // the holed polygon has two rings
    const d = /data-code="E06000001"[^>]* d="([^"]+)"/.exec(svg)![1];
    expect(d.match(/M/g)).toHaveLength(2);
  });
});

describe("Refresh map: Score sheet rows → MapData", () => {
  const geography = {
    lsoa21Code: ["E01000001", "E01000002", "E01000003", "E01000004"],
    lsoa21Name: ["a", "b", "c", "d"],
    ladCode: ["E09000001", "E09000001", "E06000002", "E06000002"],
    ladName: ["L1", "L1", "L2", "L2"],
    regionCode: ["E12000007", "E12000007", "E12000001", "E12000001"],
    regionName: ["London", "London", "North East", "North East"],
  };
  // the columns the plan index names, as excel.ts reads them (rows in any order): codes, score, rank, decile
  const col = (xs: unknown[]) => xs.map((x) => [x]);
  const codes = col(["E01000003", "E01000001", "E01000002", "E01000004", "E01999999"]);
  const refs = [
    {
      id: "overall",
      label: "Overall",
      score: { sheet: "HLN Score", range: "C3:C7" },
      rank: { sheet: "HLN Score", range: "D3:D7" },
      decile: { sheet: "HLN Score", range: "E3:E7" },
    },
  ];
  const values = [codes, col([90, 10, 40, "", 1]), col([1, 3, 2, "", 1]), col([3, 8, 5, "", 1])];
  test("joins rows by code; blanks are missing; LA stats population-weighted", () => {
    const d = mapDataFromColumns(geography, [100, 300, 50, 50], refs, values);
    expect(d.source).toBe("workbook (4 rows)");
    expect(Array.from(d.lsoa.score.overall)).toEqual([10, 40, 90, NaN]);
    expect(Array.from(d.lsoa.rank.overall)).toEqual([3, 2, 1, NaN]);
    expect(Array.from(d.lsoa.decile.overall)).toEqual([8, 5, 3, NaN]);
    expect(d.la.codes).toEqual(["E09000001", "E06000002"]);
    expect(d.la.stats.overall.score[0]).toBeCloseTo((100 * 10 + 300 * 40) / 400, 10);
    expect(d.la.stats.overall.score[1]).toBe(90);
  });
  test("dimension columns as the index lists them; rank and decile recomputed when absent", () => {
    const cs = col(["E01000001", "E01000002", "E01000003", "E01000004"]);
    const d = mapDataFromColumns(
      geography,
      undefined,
      [
        { id: "overall", label: "Overall", score: { sheet: "S", range: "C3:C6" } },
        { id: "crime", label: "Take back our streets", score: { sheet: "D", range: "X3:X6" } },
      ],
      [cs, col([10, 20, 30, 40]), col([5, 6, 7, 8])],
    );
    expect(d.measures.map((m) => m.id)).toEqual(["overall", "crime"]);
    expect(Array.from(d.lsoa.rank.overall)).toEqual([4, 3, 2, 1]);
    expect(Array.from(d.lsoa.score.crime)).toEqual([5, 6, 7, 8]);
    expect(() => mapDataFromColumns(geography, undefined, refs, [col(["x"]), col([1]), col([1]), col([1])])).toThrow(
      /match none/,
    );
  });
});
