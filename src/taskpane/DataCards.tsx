/**
 * The cards of what a build reads: the data (the bundle or a table of the workbook) and, over the
 * bundled data, one indicator replaced by the user's values.
 */
import * as React from "react";
import type { MeasureSpec } from "../core/spec";
import type { Bundle } from "../data/bundle";
import { DataSourceCard } from "./components/DataSourceCard";
import { ReplaceCard } from "./components/ReplaceCard";
import type { AreasState } from "./useAreas";
import type { ReplaceState } from "./useReplace";

interface Props {
  spec: MeasureSpec;
  bundle: Bundle;
  areas: AreasState;
  replace: ReplaceState;
  disabled: boolean;
}

export function DataCards({ spec, bundle, areas: d, replace: r, disabled }: Props): React.JSX.Element {
  return (
    <>
      <DataSourceCard
        sources={d.sources}
        selected={d.selected}
        onSelect={d.select}
        onRefresh={() => void d.refresh()}
        report={d.report}
        disabled={disabled}
      />
      {!d.selected && (
        <ReplaceCard
          spec={spec}
          bundle={bundle}
          sources={d.sources}
          choice={r.choice}
          onChoice={r.select}
          report={r.report}
          disabled={disabled}
        />
      )}
    </>
  );
}
