import { makeStyles, tokens } from "@fluentui/react-components";

/** Shared styles: one column, tight spacing, nothing wider than the ~320-350 px task pane. */
export const useStyles = makeStyles({
  card: {
    width: "100%",
    boxSizing: "border-box",
    rowGap: tokens.spacingVerticalS,
  },
  row: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  spread: {
    display: "flex",
    alignItems: "baseline",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
  },
  stats: {
    display: "grid",
    gridTemplateColumns: "repeat(3, 1fr)",
    columnGap: tokens.spacingHorizontalS,
    textAlign: "center",
  },
  stat: {
    display: "flex",
    flexDirection: "column",
    padding: `${tokens.spacingVerticalXS} 0`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
  },
  statValue: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase500,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  table: { width: "100%", tableLayout: "auto" },
  num: {
    textAlign: "right",
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
  },
  narrowCell: { width: "2.5em" },
  cellText: { overflow: "hidden", textOverflow: "ellipsis" },
  grid2: {
    display: "grid",
    gridTemplateColumns: "1fr 1fr",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  actions: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
  },
  traceList: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: "2px",
  },
  traceItem: {
    display: "grid",
    gridTemplateColumns: "1fr auto",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusSmall,
  },
  traceValue: {
    fontVariantNumeric: "tabular-nums",
    fontWeight: tokens.fontWeightSemibold,
    textAlign: "right",
  },
  traceMeta: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gridColumn: "1 / span 2",
    columnGap: tokens.spacingHorizontalS,
  },
  mono: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});
