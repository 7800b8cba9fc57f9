/** The colouring's title and classes (swatch, label, count); two columns beyond six classes. */
import * as React from "react";
import { Text, tokens } from "@fluentui/react-components";
import type { Colouring } from "../../map";
import { useMapStyles } from "./mapStyles";

export interface MapLegendProps {
  colouring: Colouring;
}

export function MapLegend({ colouring }: MapLegendProps): React.JSX.Element {
  const styles = useMapStyles();
  return (
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
  );
}
