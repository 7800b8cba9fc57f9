import * as React from "react";

/** An area's cell in a result table: a button that traces the area, or plain content when there is no trace. */
export function TraceButton({
  index,
  label,
  onPick,
  children,
}: {
  index: number;
  /** "Blackpool 013A (E01012681)": the button's title. */
  label: string;
  onPick?: (index: number) => void;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <button
      type="button"
      disabled={!onPick}
      onClick={() => onPick?.(index)}
      title={onPick ? `Trace ${label}` : undefined}
      style={{ all: "unset", cursor: onPick ? "pointer" : "default", display: "block" }}
    >
      {children}
    </button>
  );
}
