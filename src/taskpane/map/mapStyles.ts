/** Styles of <MapView> and its parts (one column at task-pane width). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useMapStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "6px", minWidth: 0 },
  controls: {
    display: "flex",
    flexWrap: "wrap",
    gap: "6px",
    alignItems: "end",
  },
  field: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    minWidth: "120px",
    flex: "1 1 140px",
  },
  stage: {
    position: "relative",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: "hidden",
    background: "#ffffff",
    touchAction: "none",
  },
  tooltip: {
    position: "absolute",
    pointerEvents: "none",
    background: "rgba(255,255,255,0.96)",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: "4px 8px",
    boxShadow: tokens.shadow4,
    fontSize: "12px",
    lineHeight: "16px",
    maxWidth: "240px",
    zIndex: 2,
  },
  legend: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    fontSize: "12px",
  },
  legendGrid: {
    display: "grid",
    gridTemplateColumns: "1fr 1fr",
    columnGap: "8px",
    rowGap: "2px",
  },
  iconButton: { minWidth: "32px" },
  legendRow: { display: "flex", alignItems: "center", gap: "6px" },
  swatch: {
    width: "18px",
    height: "12px",
    border: "1px solid #9a9a9a",
    flex: "0 0 auto",
  },
  overlay: {
    position: "absolute",
    inset: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
  },
});
