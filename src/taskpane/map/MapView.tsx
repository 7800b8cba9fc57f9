/**
 * MapView: the task pane's map tab (issue 7). LA choropleth of the overall measure or a dimension,
 * LSOA hotspots (top 10% / 20% nationally), LSOA deciles for England, a region or an LA, with
 * zoom/pan, hover details and click-to-trace. Drawn on a canvas by src/map from the bundled
 * boundaries (offline). See docs/maps.md for the props and the integration.
 *
 * The parts: useMapRefresh (data), useBoundaries, useStageSize, useMapScene (what to draw),
 * useViewTransform (zoom/pan), useMapDraw (canvas), useMapPointer (hover, drag, click, wheel);
 * MapTabs, MapSelectors, MapButtons, MapTooltip, MapLegend, MapStatus.
 */
import * as React from "react";
import { Spinner, Text } from "@fluentui/react-components";
import type { LaStat } from "../../map";
import { DEFAULT_BOUNDARY_BASE_URL } from "./loadBoundaries";
import { MapButtons } from "./MapButtons";
import { MapLegend } from "./MapLegend";
import { useMapScene } from "./mapScene";
import { MapSelectors } from "./MapSelectors";
import { MapStatus } from "./MapStatus";
import { useMapStyles } from "./mapStyles";
import { MapTabs } from "./MapTabs";
import { MapTooltip } from "./MapTooltip";
import type { MapViewKind, MapViewProps } from "./mapViewTypes";
import { useBoundaries } from "./useBoundaries";
import { useMapDraw } from "./useMapDraw";
import { useMapPointer } from "./useMapPointer";
import { useMapRefresh } from "./useMapRefresh";
import { useStageSize } from "./useStageSize";
import { useViewTransform } from "./useViewTransform";

export type { MapRenderInfo, MapViewKind, MapViewProps } from "./mapViewTypes";

export function MapView(props: MapViewProps): React.JSX.Element {
  const styles = useMapStyles();
  const base = props.boundaryBaseUrl ?? DEFAULT_BOUNDARY_BASE_URL;
  const [view, setView] = React.useState<MapViewKind>(props.initialView ?? "la");
  const [measure, setMeasure] = React.useState(props.initialMeasure ?? "overall");
  const [stat, setStat] = React.useState<LaStat>("score");
  const [area, setArea] = React.useState(props.initialArea ?? "all");
  const [error, setError] = React.useState<string>();
  const { data, refreshing, refresh } = useMapRefresh(props.data, props.onRefresh, setError);
  const needLsoa = view !== "la";
  const { lad, lsoa } = useBoundaries(props.lad, props.lsoa, base, needLsoa, setError);
  const { stageRef, size } = useStageSize(props.height);
  const scene = useMapScene(data, lad, lsoa, { view, measure, stat, area });
  const { vt, baseView, setTransform } = useViewTransform(scene, size, view, area);
  const selectedIndex = scene && props.selectedCode ? (scene.boundaries.index.get(props.selectedCode) ?? -1) : -1;
  const draw = { scene, vt, baseView, size, selectedIndex, lad, data, view, area, measure, onRender: props.onRender };
  const { canvasRef, lastInfo } = useMapDraw(draw);
  const pointer = useMapPointer({
    canvasRef,
    scene,
    data,
    view,
    measure,
    vt,
    setTransform,
    size,
    onOpenLa: (code) => {
      setArea(code);
      setView("lsoa");
    },
    onSelectLsoa: props.onSelectLsoa,
  });
  const colouring = scene?.colouring;
  const loading = !data
    ? "No measure yet: build the measure first"
    : !lad || (needLsoa && !lsoa)
      ? "Loading boundaries…"
      : "";

  return (
    <div className={styles.root} data-testid="hln-map">
      <MapTabs view={view} onView={setView} dual={!!data?.dual} />
      <MapSelectors
        data={data}
        view={view}
        measure={measure}
        onMeasure={setMeasure}
        stat={stat}
        onStat={setStat}
        area={area}
        onArea={setArea}
      />
      <MapButtons
        onRefresh={props.onRefresh ? () => void refresh() : undefined}
        refreshing={refreshing}
        onZoom={pointer.zoomBy}
        onReset={() => setTransform(null)}
      />
      <div ref={stageRef} className={styles.stage} style={{ height: size.height }}>
        <canvas
          ref={canvasRef}
          data-testid="hln-map-canvas"
          style={{
            width: size.width,
            height: size.height,
            display: "block",
            cursor: pointer.dragging ? "grabbing" : "crosshair",
          }}
          onPointerMove={pointer.onPointerMove}
          onPointerDown={pointer.onPointerDown}
          onPointerUp={pointer.onPointerUp}
          onPointerLeave={pointer.onPointerLeave}
          onWheel={pointer.onWheel}
          role="img"
          aria-label={colouring?.title ?? "map"}
        />
        {pointer.hover && <MapTooltip hover={pointer.hover} size={size} />}
        {(loading || error) && (
          <div className={styles.overlay}>
            {error ? <Text>{error}</Text> : <Spinner size="small" label={loading} />}
          </div>
        )}
      </div>
      {colouring && <MapLegend colouring={colouring} />}
      <MapStatus data={data} lastInfo={lastInfo} />
    </div>
  );
}
