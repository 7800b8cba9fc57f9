/** The hovered feature's lines next to the pointer, kept inside the stage. */
import * as React from "react";
import { useMapStyles } from "./mapStyles";
import type { Hover, StageSize } from "./mapViewTypes";

export interface MapTooltipProps {
  hover: Hover;
  size: StageSize;
}

export function MapTooltip({ hover, size }: MapTooltipProps): React.JSX.Element {
  const styles = useMapStyles();
  return (
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
  );
}
