/** The pane's title (the spec's label) and one line on what it does. */
import * as React from "react";
import { Caption1, Title3, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  header: {
    display: "flex",
    flexDirection: "column",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalS,
  },
});

export interface PaneHeaderProps {
  title: string;
}

export function PaneHeader({ title }: PaneHeaderProps): React.JSX.Element {
  const s = useStyles();
  return (
    <header className={s.header}>
      <Title3 as="h1">{title}</Title3>
      <Caption1>A small-area measure of need with OCSI&apos;s method, built in this workbook</Caption1>
    </header>
  );
}
