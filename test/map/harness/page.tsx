/**
 * Browser harness for the map tests and benchmark (bundled by esbuild, served by playwright routes):
 * loads the real bundle and boundaries over HTTP like the task pane, builds the measure with the
 * core, and exposes window.hln for timing renders, sampling pixels and mounting <MapView>.
 */
import * as React from "react";
import { createRoot, type Root } from "react-dom/client";
import { flushSync } from "react-dom";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { buildMeasure, hlnSpec } from "../../../src/core";
import { toMeasureData } from "../../../src/data";
import { loadBundleFromUrl } from "../../../src/data/browser";
import {
  canvasLayer,
  featureAt,
  featureBounds,
  fitView,
  hotspotColouring,
  laChoropleth,
  ladIndicesIn,
  lsoaDecileColouring,
  lsoaIndicesIn,
  mapDataFromResult,
  renderCanvas,
  HOTSPOT_COLOURS,
  type CanvasLayer,
  type MapBoundaries,
  type MapData,
  type ViewTransform,
} from "../../../src/map";
import { fetchLadBoundaries, fetchLsoaBoundaries } from "../../../src/taskpane/map/loadBoundaries";
import { MapView, type MapRenderInfo, type MapViewProps } from "../../../src/taskpane/map/MapView";
import { mapDataFromColumns } from "../../../src/taskpane/map/workbookColumns";
import type { MapColumnRef } from "../../../src/taskpane/trace";

interface State {
  data: MapData;
  lad: MapBoundaries;
  lsoa: MapBoundaries;
  geography: Parameters<typeof mapDataFromColumns>[0];
  population: Float64Array;
  timings: Record<string, number>;
}

let S: State;
let canvas: HTMLCanvasElement;
let lastView: ViewTransform | undefined;
let lastBoundaries: MapBoundaries | undefined;
let root: Root | undefined;

async function init(): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lad = await fetchLadBoundaries("/assets/boundaries/");
  timings.ladLoadMs = performance.now() - t;
  t = performance.now();
  const lsoa = await fetchLsoaBoundaries("/assets/boundaries/");
  timings.lsoaLoadMs = performance.now() - t;
  t = performance.now();
  // the task pane's loader: fetch + SHA-256 check + gunzip + decode + validate (issue 3: ≤ 1 s)
  const bundle = await loadBundleFromUrl(new URL("/assets/data/", location.href));
  timings.bundleLoadMs = performance.now() - t;
  const tm = performance.now();
  const result = buildMeasure(hlnSpec, toMeasureData(bundle));
  timings.buildMeasureMs = performance.now() - tm;
  const data = mapDataFromResult(bundle, result);
  timings.measureMs = performance.now() - t;
  S = {
    data,
    lad,
    lsoa,
    geography: bundle.geography,
    population: bundle.columns.pop_total,
    timings,
  };
  canvas = document.createElement("canvas");
  canvas.id = "pure";
  canvas.style.display = "none";
  document.body.appendChild(canvas);
  return timings;
}

type PureView = "la" | "hotspots" | "lsoa";

/**
 * Draws one view with the pure renderer on an 800 × 900 canvas from a cold Path2D cache and
 * returns the timings: prepare = Path2D construction, draw = the canvas fills/strokes.
 */
function renderPure(view: PureView, area = "all", measure = "overall", show = false) {
  const width = 800;
  const height = 900;
  canvas.width = width;
  canvas.height = height;
  canvas.style.display = show ? "block" : "none";
  const ctx = canvas.getContext("2d")!;
  const t0 = performance.now();
  let layer: CanvasLayer;
  let colours: string[];
  let only: number[] | undefined;
  let view2: ViewTransform;
  let ladLayer: CanvasLayer | undefined;
  if (view === "la") {
    const c = laChoropleth(S.lad, S.data, measure, "score", 5);
    layer = canvasLayer(S.lad);
    colours = c.colours;
    view2 = fitView(S.lad.bounds, width, height, 10);
    lastBoundaries = S.lad;
  } else {
    only = area === "all" ? undefined : lsoaIndicesIn(S.lsoa, S.data, area);
    const c =
      view === "hotspots" ? hotspotColouring(S.lsoa, S.data, measure) : lsoaDecileColouring(S.lsoa, S.data, measure);
    if (view === "hotspots") {
      const base = only ?? S.lsoa.features.map((_, i) => i);
      only = base.filter((i) => c.classes[i] > 0);
    }
    layer = canvasLayer(S.lsoa, only);
    ladLayer = canvasLayer(S.lad, area === "all" ? undefined : ladIndicesIn(S.lad, S.data, area));
    colours = c.colours;
    view2 = fitView(
      area === "all" ? S.lsoa.bounds : featureBounds(S.lsoa, lsoaIndicesIn(S.lsoa, S.data, area)),
      width,
      height,
      10,
    );
    lastBoundaries = S.lsoa;
  }
  const t1 = performance.now();
  const drawMs = renderCanvas(ctx, layer, colours, {
    width,
    height,
    view: view2,
    only,
    stroke: "#ffffff",
    strokeWidth: view === "la" ? 0.5 : area === "all" ? 0 : 0.3,
    underlay: view === "hotspots" && ladLayer ? { layer: ladLayer, fill: HOTSPOT_COLOURS.other } : undefined,
    outlines: ladLayer
      ? {
          layer: ladLayer,
          stroke: view === "hotspots" ? "#ffffff" : "#5c5c5c",
          strokeWidth: 0.6,
        }
      : undefined,
  });
  // force the rasterisation to finish before stopping the clock
  ctx.getImageData(0, 0, 1, 1);
  const t2 = performance.now();
  lastView = view2;
  return {
    prepareMs: t1 - t0,
    drawMs,
    totalMs: t2 - t0,
    features: only ? only.length : layer.paths.length,
  };
}

/** Canvas colour (#rrggbb) at a point well inside a feature of the last pure render, or null. */
function colourOf(code: string): string | null {
  const b = lastBoundaries!;
  const v = lastView!;
  const i = b.index.get(code);
  if (i === undefined) return null;
  const [x0, y0, x1, y1] = b.features[i].bbox;
  const ctx = canvas.getContext("2d")!;
  const d = 2.5 / v.k; // 2.5 px margin in planar units
  for (let gy = 1; gy < 24; gy++)
    for (let gx = 1; gx < 24; gx++) {
      const x = x0 + ((x1 - x0) * gx) / 24;
      const y = y0 + ((y1 - y0) * gy) / 24;
      const ok = [
        [0, 0],
        [d, 0],
        [-d, 0],
        [0, d],
        [0, -d],
      ].every(([dx, dy]) => featureAt(b, x + dx, y + dy) === i);
      if (!ok) continue;
      const px = Math.round(v.k * x + v.tx);
      const py = Math.round(v.k * y + v.ty);
      const p = ctx.getImageData(px, py, 1, 1).data;
      return "#" + [p[0], p[1], p[2]].map((c) => c.toString(16).padStart(2, "0")).join("");
    }
  return null;
}

/** Mounts <MapView> (task-pane width) with the harness data; resolves after its first draw. */
function mountMapView(props: Partial<MapViewProps> & { width?: number }, useScoreSheet?: unknown[][]) {
  const host = document.getElementById("root")!;
  host.style.width = `${props.width ?? 420}px`;
  if (!root) root = createRoot(host);
  const renders: MapRenderInfo[] = [];
  (window as unknown as { renders: MapRenderInfo[] }).renders = renders;
  const data = useScoreSheet ? mapDataFromColumns(S.geography, S.population, OVERALL, useScoreSheet as never) : S.data;
  flushSync(() =>
    root!.render(
      <FluentProvider theme={webLightTheme}>
        <div style={{ padding: 12 }}>
          <MapView
            key={JSON.stringify([props.initialView, props.initialArea, props.initialMeasure, !!useScoreSheet])}
            data={data}
            lad={S.lad}
            lsoa={S.lsoa}
            onRender={(r) => renders.push(r)}
            onSelectLsoa={(c) => ((window as unknown as { selected: string }).selected = c)}
            onRefresh={async () =>
              mapDataFromColumns(
                S.geography,
                S.population,
                OVERALL,
                (window as unknown as { sheet: unknown[][][] }).sheet,
              )
            }
            {...props}
          />
        </div>
      </FluentProvider>,
    ),
  );
}

/** The overall score column as the plan index places it (only the score: rank and decile recomputed). */
const OVERALL: MapColumnRef[] = [{ id: "overall", label: "Overall", score: { sheet: "HLN Score", range: "C3" } }];

/** The workbook columns excel.ts would read for OVERALL (codes, then scores), with optional score overrides. */
function scoreSheet(overrides: Record<string, number> = {}): unknown[][][] {
  const { codes } = S.data.lsoa;
  const score = S.data.lsoa.score.overall;
  return [
    Array.from(codes, (c) => [c]),
    Array.from(codes, (c, i) => {
      const x = overrides[c] ?? score[i];
      return [Number.isFinite(x) ? x : ""];
    }),
  ];
}

/**
 * Client point (page coordinates) well inside a feature as the mounted MapView draws it: the view
 * fits the scene's bounds into the canvas with 10 px padding (MapView's default view).
 */
function mapViewPoint(code: string, kind: "lad" | "lsoa", area = "all"): { x: number; y: number } | null {
  const c = document.querySelector('[data-testid="hln-map-canvas"]') as HTMLCanvasElement;
  const r = c.getBoundingClientRect();
  const b = kind === "lad" ? S.lad : S.lsoa;
  const bounds =
    kind === "lad" || area === "all" ? b.bounds : featureBounds(S.lsoa, lsoaIndicesIn(S.lsoa, S.data, area));
  const v = fitView(bounds, r.width, r.height, 10);
  const i = b.index.get(code)!;
  const [x0, y0, x1, y1] = b.features[i].bbox;
  const d = 3 / v.k;
  let best: { x: number; y: number; score: number } | null = null;
  for (let gy = 1; gy < 30; gy++)
    for (let gx = 1; gx < 30; gx++) {
      const x = x0 + ((x1 - x0) * gx) / 30;
      const y = y0 + ((y1 - y0) * gy) / 30;
      let score = 0;
      for (let m = 1; m <= 4; m++)
        if (
          [
            [m * d, 0],
            [-m * d, 0],
            [0, m * d],
            [0, -m * d],
          ].every(([dx, dy]) => featureAt(b, x + dx, y + dy) === i)
        )
          score = m;
        else break;
      if (featureAt(b, x, y) === i && (!best || score > best.score))
        best = { x: r.left + v.k * x + v.tx, y: r.top + v.k * y + v.ty, score };
    }
  return best && { x: best.x, y: best.y };
}

Object.assign(window, {
  hln: {
    mapViewPoint,
    init,
    renderPure,
    colourOf,
    mountMapView,
    scoreSheet,
    data: () => S.data,
    laClassInfo: () => {
      const c = laChoropleth(S.lad, S.data, "overall", "score", 5);
      return S.lad.features.map((f, i) => ({
        code: f.code,
        cls: c.classes[i],
        colour: c.colours[i],
      }));
    },
  },
});
