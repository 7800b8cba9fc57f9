/**
 * MapView: the task pane's map tab (issue 7). LA choropleth of the overall measure or a dimension,
 * LSOA hotspots (top 10% / 20% nationally), LSOA deciles for England, a region or an LA, with
 * zoom/pan, hover details and click-to-trace. Drawn on a canvas by src/map from the bundled
 * boundaries (offline). See docs/maps.md for the props and the integration.
 */
import * as React from "react";
import { Button, Caption1, Select, Spinner, Tab, TabList, Text, makeStyles, tokens } from "@fluentui/react-components";
import {
  canvasLayer,
  featureAt,
  featureBounds,
  fitView,
  formatNumber,
  hotspotColouring,
  invertView,
  laChoropleth,
  ladIndicesIn,
  lsoaDecileColouring,
  lsoaIndicesIn,
  regionsOf,
  renderCanvas,
  zoomView,
  LA_STATS,
  HOTSPOT_COLOURS,
  type CanvasLayer,
  type Colouring,
  type LaStat,
  type MapBoundaries,
  type MapData,
  type ViewTransform,
} from "../../map";
import { DEFAULT_BOUNDARY_BASE_URL, fetchLadBoundaries, fetchLsoaBoundaries } from "./loadBoundaries";

export type MapViewKind = "la" | "hotspots" | "lsoa";

export interface MapRenderInfo {
  view: MapViewKind;
  area: string;
  measure: string;
  /** Features drawn. */
  features: number;
  /** Time to build the Path2D objects needed for this view (0 when cached), ms. */
  prepareMs: number;
  /** Path2D objects built by this render (0 when the cache was reused). */
  pathsBuilt: number;
  /** Time of the canvas draw, ms. */
  drawMs: number;
}

export interface MapViewProps {
  /** The numbers to map: mapDataFromResult(bundle, result) or mapDataFromColumns(geography, population, columns, values). */
  data: MapData | null;
  /** Preloaded boundaries; otherwise fetched from `boundaryBaseUrl` (LSOAs only when an LSOA view is first shown). */
  lad?: MapBoundaries;
  lsoa?: MapBoundaries;
  /** Folder URL of lad24_england_buc.topojson and lsoa21_england_bsc.topojson.gz (default "assets/boundaries/"). */
  boundaryBaseUrl?: string;
  /** Called when the user clicks an LSOA: open its trace. */
  onSelectLsoa?: (code: string) => void;
  /** "Refresh map": read the workbook's columns (where the plan index says) and return new MapData. */
  onRefresh?: () => Promise<MapData>;
  /** LSOA to outline (e.g. the one whose trace is open). */
  selectedCode?: string;
  /** Canvas height in CSS px (default: 1.1 × width, at most 720). */
  height?: number;
  initialView?: MapViewKind;
  /** Initial area of the LSOA views: "all", a region code (E12…) or an LA code. */
  initialArea?: string;
  initialMeasure?: string;
  /** Called after every draw (tests, benchmarks). */
  onRender?: (info: MapRenderInfo) => void;
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px", minWidth: 0 },
  controls: {
    display: "flex",
    flexWrap: "wrap",
    gap: "6px",
    alignItems: "end",
  },
  field: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    minWidth: "120px",
    flex: "1 1 140px",
  },
  stage: {
    position: "relative",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: "hidden",
    background: "#ffffff",
    touchAction: "none",
  },
  tooltip: {
    position: "absolute",
    pointerEvents: "none",
    background: "rgba(255,255,255,0.96)",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "4px 8px",
    boxShadow: tokens.shadow4,
    fontSize: "12px",
    lineHeight: "16px",
    maxWidth: "240px",
    zIndex: 2,
  },
  legend: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    fontSize: "12px",
  },
  legendGrid: {
    display: "grid",
    gridTemplateColumns: "1fr 1fr",
    columnGap: "8px",
    rowGap: "2px",
  },
  iconButton: { minWidth: "32px" },
  legendRow: { display: "flex", alignItems: "center", gap: "6px" },
  swatch: {
    width: "18px",
    height: "12px",
    border: "1px solid #9a9a9a",
    flex: "0 0 auto",
  },
  overlay: {
    position: "absolute",
    inset: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
  },
});

interface Hover {
  x: number;
  y: number;
  lines: string[];
}

export function MapView(props: MapViewProps): React.JSX.Element {
  const styles = useStyles();
  const base = props.boundaryBaseUrl ?? DEFAULT_BOUNDARY_BASE_URL;
  const [view, setView] = React.useState<MapViewKind>(props.initialView ?? "la");
  const [measure, setMeasure] = React.useState(props.initialMeasure ?? "overall");
  const [stat, setStat] = React.useState<LaStat>("score");
  const [area, setArea] = React.useState(props.initialArea ?? "all");
  const [lad, setLad] = React.useState<MapBoundaries | undefined>(props.lad);
  const [lsoa, setLsoa] = React.useState<MapBoundaries | undefined>(props.lsoa);
  const [error, setError] = React.useState<string>();
  const [refreshed, setRefreshed] = React.useState<MapData | null>(null);
  const [refreshing, setRefreshing] = React.useState(false);
  const [transform, setTransform] = React.useState<ViewTransform | null>(null);
  const [hover, setHover] = React.useState<Hover | null>(null);
  const [size, setSize] = React.useState({ width: 360, height: 396 });
  const [lastInfo, setLastInfo] = React.useState<MapRenderInfo>();
  const canvasRef = React.useRef<HTMLCanvasElement>(null);
  const stageRef = React.useRef<HTMLDivElement>(null);
  const layers = React.useRef<{ lad?: CanvasLayer; lsoa?: CanvasLayer }>({});
  const drag = React.useRef<{
    x: number;
    y: number;
    t: ViewTransform;
    moved: boolean;
  } | null>(null);

  // a new data prop (e.g. a new build) replaces an earlier refresh
  React.useEffect(() => setRefreshed(null), [props.data]);
  const data = refreshed ?? props.data;

  React.useEffect(() => {
    if (props.lad) setLad(props.lad);
    else if (!lad) fetchLadBoundaries(base).then(setLad, (e) => setError(String(e?.message ?? e)));
  }, [props.lad, base]);
  const needLsoa = view !== "la";
  React.useEffect(() => {
    if (props.lsoa) setLsoa(props.lsoa);
    else if (needLsoa && !lsoa) fetchLsoaBoundaries(base).then(setLsoa, (e) => setError(String(e?.message ?? e)));
  }, [props.lsoa, needLsoa, base]);

  // responsive size
  React.useEffect(() => {
    const el = stageRef.current;
    if (!el) return undefined;
    const update = () => {
      const width = Math.max(200, Math.floor(el.clientWidth));
      setSize({
        width,
        height: props.height ?? Math.min(720, Math.round(width * 1.1)),
      });
    };
    update();
    if (typeof ResizeObserver === "undefined") return undefined;
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [props.height]);

  // what to draw
  const scene = React.useMemo(() => {
    if (!data || !lad) return null;
    if (view === "la") {
      const colouring = laChoropleth(lad, data, measure, stat, 5);
      return {
        boundaries: lad,
        colouring,
        only: undefined as number[] | undefined,
        fit: lad.bounds,
      };
    }
    if (!lsoa) return null;
    const only = area === "all" ? undefined : lsoaIndicesIn(lsoa, data, area);
    const fit = only ? featureBounds(lsoa, only) : lsoa.bounds;
    if (view === "hotspots") {
      const colouring = hotspotColouring(lsoa, data, measure);
      const hot: number[] = [];
      const inArea = only ? new Set(only) : undefined;
      for (let i = 0; i < colouring.classes.length; i++) {
        if (colouring.classes[i] > 0 && (!inArea || inArea.has(i))) hot.push(i);
      }
      return {
        boundaries: lsoa,
        colouring,
        only: hot,
        fit,
        underlayArea: ladIndicesIn(lad, data, area),
      };
    }
    return {
      boundaries: lsoa,
      colouring: lsoaDecileColouring(lsoa, data, measure),
      only,
      fit,
      underlayArea: undefined,
    };
  }, [data, lad, lsoa, view, measure, stat, area]);

  // reset zoom when the scene's extent changes
  React.useEffect(() => setTransform(null), [view, area]);

  const baseView = React.useMemo(
    () => (scene ? fitView(scene.fit, size.width, size.height, 10) : null),
    [scene, size.width, size.height],
  );
  const vt = transform ?? baseView;
  const selectedIndex = scene && props.selectedCode ? (scene.boundaries.index.get(props.selectedCode) ?? -1) : -1;

  // draw
  React.useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !scene || !vt || !lad) return undefined;
    const frame = requestAnimationFrame(() => {
      const dpr = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(size.width * dpr)) canvas.width = Math.round(size.width * dpr);
      if (canvas.height !== Math.round(size.height * dpr)) canvas.height = Math.round(size.height * dpr);
      const ctx = canvas.getContext("2d");
      if (!ctx) return;
      const t0 = performance.now();
      const L = layers.current;
      const cached = () => countPaths(L.lad?.paths) + countPaths(L.lsoa?.paths);
      const before = cached();
      if (!L.lad) L.lad = canvasLayer(lad);
      let layer = L.lad;
      if (scene.boundaries !== lad) {
        if (!L.lsoa || L.lsoa.boundaries !== scene.boundaries) L.lsoa = { boundaries: scene.boundaries, paths: [] };
        layer = canvasLayer(scene.boundaries, scene.only ?? undefined, L.lsoa);
      }
      const prepareMs = performance.now() - t0;
      const pathsBuilt = cached() - before;
      const isLsoa = scene.boundaries !== lad;
      const zoomedIn = vt.k > 4 * (baseView?.k ?? vt.k) || (area !== "all" && view === "lsoa");
      const drawMs = renderCanvas(ctx, layer, scene.colouring.colours, {
        width: size.width,
        height: size.height,
        dpr,
        view: vt,
        only: scene.only,
        stroke: "#ffffff",
        strokeWidth: isLsoa ? (zoomedIn ? 0.3 : 0) : 0.5,
        underlay:
          view === "hotspots"
            ? {
                layer: L.lad,
                fill: HOTSPOT_COLOURS.other,
                stroke: "#ffffff",
                strokeWidth: 0.4,
              }
            : undefined,
        outlines: isLsoa
          ? {
              layer: L.lad,
              stroke: view === "hotspots" ? "#ffffff" : "#5c5c5c",
              strokeWidth: 0.6,
              only: scene.underlayArea ?? (area === "all" ? undefined : ladIndicesIn(lad, data!, area)),
            }
          : undefined,
        highlight: selectedIndex,
      });
      const info: MapRenderInfo = {
        view,
        area,
        measure,
        features: scene.only ? scene.only.length : scene.boundaries.features.length,
        prepareMs,
        pathsBuilt,
        drawMs,
      };
      setLastInfo(info);
      props.onRender?.(info);
    });
    return () => cancelAnimationFrame(frame);
  }, [scene, vt, size.width, size.height, selectedIndex]);

  const drawnSet = React.useMemo(() => (scene?.only ? new Set(scene.only) : undefined), [scene]);

  const describe = (i: number): string[] => {
    if (!scene || !data) return [];
    const f = scene.boundaries.features[i];
    if (view === "la") {
      const j = data.la.codes.indexOf(f.code);
      const s = j >= 0 ? data.la.stats[measure] : undefined;
      return [
        `${f.name} (${f.code})`,
        `Average score: ${s ? formatNumber(s.score[j]) : "–"}`,
        `LSOAs in top 20%: ${s && Number.isFinite(s.top20[j]) ? (100 * s.top20[j]).toFixed(1) + "%" : "–"}`,
        `LSOAs in top 10%: ${s && Number.isFinite(s.top10[j]) ? (100 * s.top10[j]).toFixed(1) + "%" : "–"}`,
        "Click: LSOA map of this LA",
      ];
    }
    const j = lsoaRow.get(f.code);
    const sc = j !== undefined ? data.lsoa.score[measure][j] : NaN;
    const rk = j !== undefined ? data.lsoa.rank[measure][j] : NaN;
    const dc = j !== undefined ? data.lsoa.decile[measure][j] : NaN;
    return [
      `${j !== undefined && data.lsoa.names ? data.lsoa.names[j] : f.name} (${f.code})`,
      `Score: ${formatNumber(sc)}`,
      `Rank: ${Number.isFinite(rk) ? rk.toLocaleString("en-GB") : "–"} of ${data.lsoa.codes.length.toLocaleString("en-GB")}`,
      `Decile: ${Number.isFinite(dc) ? dc : "– (excluded)"}`,
      props.onSelectLsoa ? "Click: open trace" : "",
    ].filter(Boolean);
  };
  const lsoaRow = React.useMemo(() => new Map((data?.lsoa.codes ?? []).map((c, i) => [c, i])), [data]);

  const pick = (e: React.PointerEvent | React.MouseEvent): { i: number; x: number; y: number } => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    if (!scene || !vt) return { i: -1, x, y };
    const [px, py] = invertView(vt, x, y);
    return { i: featureAt(scene.boundaries, px, py, drawnSet), x, y };
  };

  const onPointerMove = (e: React.PointerEvent) => {
    if (drag.current && vt) {
      const d = drag.current;
      const dx = e.clientX - d.x;
      const dy = e.clientY - d.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
      if (d.moved) {
        setTransform({ k: d.t.k, tx: d.t.tx + dx, ty: d.t.ty + dy });
        setHover(null);
      }
      return;
    }
    const { i, x, y } = pick(e);
    setHover(i >= 0 ? { x, y, lines: describe(i) } : null);
  };
  const onPointerDown = (e: React.PointerEvent) => {
    if (!vt) return;
    drag.current = { x: e.clientX, y: e.clientY, t: vt, moved: false };
    (e.target as Element).setPointerCapture?.(e.pointerId);
  };
  const onPointerUp = (e: React.PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved || !scene) return;
    const { i } = pick(e);
    if (i < 0) return;
    const code = scene.boundaries.features[i].code;
    if (view === "la") {
      setArea(code);
      setView("lsoa");
    } else props.onSelectLsoa?.(code);
  };
  const onWheel = (e: React.WheelEvent) => {
    if (!vt) return;
    const rect = canvasRef.current!.getBoundingClientRect();
    const factor = Math.exp(-e.deltaY * 0.0015);
    setTransform(zoomView(vt, factor, e.clientX - rect.left, e.clientY - rect.top));
  };
  const zoomBy = (factor: number) => vt && setTransform(zoomView(vt, factor, size.width / 2, size.height / 2));

  const refresh = async () => {
    if (!props.onRefresh) return;
    setRefreshing(true);
    setError(undefined);
    try {
      setRefreshed(await props.onRefresh());
    } catch (e) {
      setError(`Refresh failed: ${(e as Error).message ?? e}`);
    } finally {
      setRefreshing(false);
    }
  };

  const regions = React.useMemo(() => (data ? regionsOf(data) : []), [data]);
  const las = React.useMemo(
    () =>
      data
        ? data.la.codes
            .map((c, i) => ({
              code: c,
              name: data.la.names[i],
              region: data.la.regionCodes[i],
            }))
            .sort((a, b) => a.name.localeCompare(b.name))
        : [],
    [data],
  );
  const colouring: Colouring | undefined = scene?.colouring;
  const loading = !data
    ? "No measure yet: build the measure first"
    : !lad || (needLsoa && !lsoa)
      ? "Loading boundaries…"
      : "";

  return (
    <div className={styles.root} data-testid="hln-map">
      <TabList
        size="small"
        selectedValue={view}
        onTabSelect={(_, d) => setView(d.value as MapViewKind)}
        aria-label="Map view"
      >
        <Tab value="la">Local authorities</Tab>
        <Tab value="hotspots">Hotspots</Tab>
        <Tab value="lsoa">LSOAs</Tab>
      </TabList>
      <div className={styles.controls}>
        <label className={styles.field}>
          <Caption1>Measure</Caption1>
          <Select size="small" value={measure} onChange={(_, d) => setMeasure(d.value)} aria-label="Measure">
            {(data?.measures ?? [{ id: "overall", label: "Overall" }]).map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </Select>
        </label>
        {view === "la" ? (
          <label className={styles.field}>
            <Caption1>LA statistic</Caption1>
            <Select size="small" value={stat} onChange={(_, d) => setStat(d.value as LaStat)} aria-label="LA statistic">
              {(Object.keys(LA_STATS) as LaStat[]).map((s) => (
                <option key={s} value={s}>
                  {LA_STATS[s]}
                </option>
              ))}
            </Select>
          </label>
        ) : (
          <label className={styles.field}>
            <Caption1>Area</Caption1>
            <Select size="small" value={area} onChange={(_, d) => setArea(d.value)} aria-label="Area">
              <option value="all">All England</option>
              <optgroup label="Regions">
                {regions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Local authorities">
                {las.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.name}
                  </option>
                ))}
              </optgroup>
            </Select>
          </label>
        )}
      </div>
      <div className={styles.controls}>
        {props.onRefresh && (
          <Button size="small" appearance="primary" onClick={refresh} disabled={refreshing}>
            {refreshing ? "Reading Score sheet…" : "Refresh map"}
          </Button>
        )}
        <Button size="small" className={styles.iconButton} onClick={() => zoomBy(1.5)} aria-label="Zoom in">
          +
        </Button>
        <Button size="small" className={styles.iconButton} onClick={() => zoomBy(1 / 1.5)} aria-label="Zoom out">
          −
        </Button>
        <Button size="small" onClick={() => setTransform(null)}>
          Reset view
        </Button>
      </div>
      <div ref={stageRef} className={styles.stage} style={{ height: size.height }}>
        <canvas
          ref={canvasRef}
          data-testid="hln-map-canvas"
          style={{
            width: size.width,
            height: size.height,
            display: "block",
            cursor: drag.current ? "grabbing" : "crosshair",
          }}
          onPointerMove={onPointerMove}
          onPointerDown={onPointerDown}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setHover(null)}
          onWheel={onWheel}
          role="img"
          aria-label={colouring?.title ?? "map"}
        />
        {hover && (
          <div
            className={styles.tooltip}
            style={{
              left: Math.min(hover.x + 12, size.width - 200),
              top: Math.min(hover.y + 12, size.height - 90),
            }}
            data-testid="hln-map-tooltip"
          >
            {hover.lines.map((l, k) => (
              <div key={k} style={k === 0 ? { fontWeight: 600 } : undefined}>
                {l}
              </div>
            ))}
          </div>
        )}
        {(loading || error) && (
          <div className={styles.overlay}>
            {error ? <Text>{error}</Text> : <Spinner size="small" label={loading} />}
          </div>
        )}
      </div>
      {colouring && (
        <div className={styles.legend} data-testid="hln-map-legend">
          <Text weight="semibold" size={200}>
            {colouring.title}
          </Text>
          <div className={colouring.legend.length > 6 ? styles.legendGrid : styles.legend}>
            {colouring.legend.map((item) => (
              <div key={item.label} className={styles.legendRow}>
                <span className={styles.swatch} style={{ background: item.colour }} />
                <span>
                  {item.label} <span style={{ color: tokens.colorNeutralForeground3 }}>({item.count})</span>
                </span>
              </div>
            ))}
          </div>
        </div>
      )}
      <Caption1
        data-testid="hln-map-status"
        title={
          lastInfo ? `drawn in ${lastInfo.drawMs.toFixed(0)} ms (paths ${lastInfo.prepareMs.toFixed(0)} ms)` : undefined
        }
      >
        {data ? `Data: ${data.source}` : ""}
        {lastInfo ? ` · ${lastInfo.features.toLocaleString("en-GB")} areas` : ""}
        {" · Contains OS data © Crown copyright 2024"}
      </Caption1>
    </div>
  );
}

function countPaths(paths: ArrayLike<unknown> | undefined): number {
  let c = 0;
  if (paths) for (let i = 0; i < paths.length; i++) if (paths[i] !== undefined) c++;
  return c;
}
