/**
 * useMapPointer: the canvas's pointer and wheel handlers — hover shows a tooltip, drag pans,
 * wheel and the +/− buttons zoom, a click on an LA opens its LSOAs and a click on an LSOA
 * calls onSelectLsoa.
 */
import * as React from "react";
import { featureAt, invertView, zoomView, type MapData, type ViewTransform } from "../../map";
import { describeFeature } from "./describeFeature";
import type { MapScene } from "./mapScene";
import type { Hover, MapViewKind, StageSize } from "./mapViewTypes";

export interface MapPointerArgs {
  canvasRef: React.RefObject<HTMLCanvasElement | null>;
  scene: MapScene | null;
  data: MapData | null;
  view: MapViewKind;
  measure: string;
  vt: ViewTransform | null;
  setTransform: (t: ViewTransform | null) => void;
  size: StageSize;
  /** A click on an LA: show its LSOAs. */
  onOpenLa: (code: string) => void;
  onSelectLsoa?: (code: string) => void;
}

export interface MapPointer {
  hover: Hover | null;
  /** A drag (pan) is under way. */
  dragging: boolean;
  onPointerMove: (e: React.PointerEvent) => void;
  onPointerDown: (e: React.PointerEvent) => void;
  onPointerUp: (e: React.PointerEvent) => void;
  onPointerLeave: () => void;
  onWheel: (e: React.WheelEvent) => void;
  /** Zoom about the canvas centre. */
  zoomBy: (factor: number) => void;
}

export function useMapPointer(a: MapPointerArgs): MapPointer {
  const { canvasRef, scene, data, view, vt, setTransform, size } = a;
  const [hover, setHover] = React.useState<Hover | null>(null);
  const drag = React.useRef<{ x: number; y: number; t: ViewTransform; moved: boolean } | null>(null);
  const drawnSet = React.useMemo(() => (scene?.only ? new Set(scene.only) : undefined), [scene]);
  const lsoaRow = React.useMemo(() => new Map((data?.lsoa.codes ?? []).map((c, i) => [c, i])), [data]);
  const describe = (i: number) =>
    describeFeature({ scene, data, view, measure: a.measure, lsoaRow, canSelect: !!a.onSelectLsoa }, i);

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
    if (view === "la") a.onOpenLa(code);
    else a.onSelectLsoa?.(code);
  };
  const onWheel = (e: React.WheelEvent) => {
    if (!vt) return;
    const rect = canvasRef.current!.getBoundingClientRect();
    const factor = Math.exp(-e.deltaY * 0.0015);
    setTransform(zoomView(vt, factor, e.clientX - rect.left, e.clientY - rect.top));
  };
  const zoomBy = (factor: number) => {
    if (vt) setTransform(zoomView(vt, factor, size.width / 2, size.height / 2));
  };
  const onPointerLeave = () => setHover(null);

  return {
    hover,
    dragging: !!drag.current,
    onPointerMove,
    onPointerDown,
    onPointerUp,
    onPointerLeave,
    onWheel,
    zoomBy,
  };
}
