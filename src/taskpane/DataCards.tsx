/**
 * The cards of what a build reads: the measure (bundled, the workbook's Measure sheet, a spec file),
 * the data (the bundle or a table of the workbook) and, over the bundled data, one indicator
 * replaced by the user's values.
 */
import * as React from "react";
import type { MeasureSpec } from "../core/spec";
import type { Bundle } from "../data/bundle";
import { DataSourceCard } from "./components/DataSourceCard";
import { ReplaceCard } from "./components/ReplaceCard";
import { SpecCard } from "./components/SpecCard";
import type { WorkbookCheck } from "./excel";
import type { AreasState } from "./useAreas";
import type { ReplaceState } from "./useReplace";
import type { SpecChoiceState } from "./useSpecChoice";

interface Props {
  spec: MeasureSpec;
  bundle: Bundle;
  areas: AreasState;
  replace: ReplaceState;
  measure: SpecChoiceState;
  /** The workbook (its Measure sheet, if any). */
  check: WorkbookCheck | null;
  disabled: boolean;
}

export function DataCards({
  spec,
  bundle,
  areas: d,
  replace: r,
  measure: m,
  check,
  disabled,
}: Props): React.JSX.Element {
  const sheet = check?.measure?.sheet;
  return (
    <>
      <SpecCard
        bundledLabel={m.bundled.short ?? m.bundled.label}
        measureSheet={sheet}
        shown={m.shown(!!sheet)}
        file={m.file}
        onSelect={m.select}
        onFile={m.readFile}
        disabled={disabled}
      />
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
