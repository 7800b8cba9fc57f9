/**
 * useStageSize: the canvas size from the stage's width (at least 200 px; ResizeObserver keeps it
 * current) and `height` (default 1.1 × width, at most 720).
 */
import * as React from "react";
import type { StageSize } from "./mapViewTypes";

export function useStageSize(height: number | undefined): {
  stageRef: React.RefObject<HTMLDivElement | null>;
  size: StageSize;
} {
  const stageRef = React.useRef<HTMLDivElement>(null);
  const [size, setSize] = React.useState<StageSize>({ width: 360, height: 396 });
  React.useEffect(() => {
    const el = stageRef.current;
    if (!el) return undefined;
    const update = () => {
      const width = Math.max(200, Math.floor(el.clientWidth));
      setSize({
        width,
        height: height ?? Math.min(720, Math.round(width * 1.1)),
      });
    };
    update();
    if (typeof ResizeObserver === "undefined") return undefined;
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, [height]);
  return { stageRef, size };
}
