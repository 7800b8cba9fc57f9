/**
 * useViewTransform: the zoom/pan of the map — the scene fitted to the canvas (baseView) until the
 * user zooms or drags (transform); reset when the view or the area changes.
 */
import * as React from "react";
import { fitView, type ViewTransform } from "../../map";
import type { MapScene } from "./mapScene";
import type { StageSize } from "./mapViewTypes";

export interface ViewTransformState {
  /** The transform in use (null before there is a scene). */
  vt: ViewTransform | null;
  /** The scene fitted to the canvas. */
  baseView: ViewTransform | null;
  /** Sets a zoom/pan (null: back to baseView). */
  setTransform: (t: ViewTransform | null) => void;
}

export function useViewTransform(
  scene: MapScene | null,
  size: StageSize,
  view: string,
  area: string,
): ViewTransformState {
  const [transform, setTransform] = React.useState<ViewTransform | null>(null);
  // reset zoom when the scene's extent changes
  React.useEffect(() => setTransform(null), [view, area]);
  const baseView = React.useMemo(
    () => (scene ? fitView(scene.fit, size.width, size.height, 10) : null),
    [scene, size.width, size.height],
  );
  return { vt: transform ?? baseView, baseView, setTransform };
}
