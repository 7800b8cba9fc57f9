import * as React from "react";
import { formatProblem, type MeasureProblem } from "../../workbook/measureCodec";

/** Problem or warning lines shown before "… and N more". */
const SHOWN = 8;

/** The cells listed by sheet!cell and what is wrong, the first few, then how many more. */
export function CellList({ items, testId }: { items: MeasureProblem[]; testId: string }): React.JSX.Element {
  return (
    <ul style={{ margin: 0, paddingLeft: "1.2em" }} data-testid={testId}>
      {items.slice(0, SHOWN).map((x) => (
        <li key={`${x.cell}:${x.why}`}>{formatProblem(x)}</li>
      ))}
      {items.length > SHOWN && <li>… and {items.length - SHOWN} more</li>}
    </ul>
  );
}
