import * as React from "react";
import { createRoot } from "react-dom/client";
import type { Bundle } from "../data/bundle";
import { loadBundleFromUrl } from "../data/browser";
import { App } from "./App";
import { assetPath } from "./assetUrls";

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

/**
 * The bundled dataset, fetched from this add-in's own origin (assets/data, copied by webpack,
 * content-hashed), each file checked against the SHA-256 compiled into the add-in, then validated.
 */
export async function loadBundledData(): Promise<Bundle> {
  return loadBundleFromUrl((file) => new URL(assetPath(`assets/data/${file}`), document.baseURI));
}

Office.onReady(() => {
  connectSharedRuntime();
  const container = document.getElementById("container");
  if (container) createRoot(container).render(<App loadBundle={loadBundledData} />);
});
