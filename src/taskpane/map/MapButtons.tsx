/** The map's buttons: Refresh map (when the pane can read the workbook), zoom in/out, reset view. */
import * as React from "react";
import { Button } from "@fluentui/react-components";
import { useMapStyles } from "./mapStyles";

export interface MapButtonsProps {
  /** Shown only with a refresh. */
  onRefresh?: () => void;
  refreshing: boolean;
  onZoom: (factor: number) => void;
  onReset: () => void;
}

export function MapButtons({ onRefresh, refreshing, onZoom, onReset }: MapButtonsProps): React.JSX.Element {
  const styles = useMapStyles();
  return (
    <div className={styles.controls}>
      {onRefresh && (
        <Button size="small" appearance="primary" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? "Reading Score sheet…" : "Refresh map"}
        </Button>
      )}
      <Button size="small" className={styles.iconButton} onClick={() => onZoom(1.5)} aria-label="Zoom in">
        +
      </Button>
      <Button size="small" className={styles.iconButton} onClick={() => onZoom(1 / 1.5)} aria-label="Zoom out">
        −
      </Button>
      <Button size="small" onClick={onReset}>
        Reset view
      </Button>
    </div>
  );
}
