/** While the bundled dataset loads: a spinner, or the error if it could not be loaded. */
import * as React from "react";
import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";

export interface LoadStatusProps {
  loaded: boolean;
  loadError: string | null;
}

export function LoadStatus({ loaded, loadError }: LoadStatusProps): React.JSX.Element | null {
  if (loadError) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>Could not load the bundled dataset: {loadError}</MessageBarBody>
      </MessageBar>
    );
  }
  return loaded ? null : <Spinner size="small" label="Loading the dataset…" />;
}
