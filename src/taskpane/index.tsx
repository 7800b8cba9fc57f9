/* global document, Office */
// Placeholder task pane (to be replaced by the real UI). Keep connectSharedRuntime(): it is the
// shared-runtime wiring, independent of the UI.
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Text, Title1, webLightTheme } from "@fluentui/react-components";

/**
 * Shared runtime (manifest <Runtime resid="Taskpane.Url" lifetime="long">): the task pane page also
 * loads the functions bundle, whose CustomFunctions.associate calls (added by
 * custom-functions-metadata-plugin) register the HLN.* functions. Loading the runtime with the
 * document keeps the functions calculating before anyone opens the task pane.
 */
export function connectSharedRuntime(): void {
  try {
    if (Office.context.requirements.isSetSupported("SharedRuntime", "1.1")) {
      void Office.addin.setStartupBehavior(Office.StartupBehavior.load);
    }
  } catch {
    // older hosts without SharedRuntime 1.1: the functions still run while the task pane is open
  }
}

export function App(): React.JSX.Element {
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 16, display: "flex", flexDirection: "column", gap: 8 }}>
        <Title1 as="h1">Hyper-local Need</Title1>
        <Text>Task pane under construction</Text>
      </main>
    </FluentProvider>
  );
}

Office.onReady(() => {
  connectSharedRuntime();
  const container = document.getElementById("container");
  if (container) createRoot(container).render(<App />);
});
