import * as React from "react";
import { createRoot } from "react-dom/client";
import { parseBundle, type Bundle } from "../data/bundle";
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

/** The bundled dataset, fetched from this add-in's own origin (assets/data, copied by webpack, content-hashed). */
export async function loadBundledData(): Promise<Bundle> {
  const url = (file: string) => new URL(assetPath(`assets/data/${file}`), document.baseURI);
  const [meta, payload] = await Promise.all([
    fetch(url("hln-lsoa21.meta.json")).then((r) => {
      if (!r.ok) throw new Error(`metadata: HTTP ${r.status}`);
      return r.text();
    }),
    fetch(url("hln-lsoa21.bin.gz")).then((r) => {
      if (!r.ok) throw new Error(`data: HTTP ${r.status}`);
      return r.arrayBuffer();
    }),
  ]);
  // validation runs in tests and at prepare-data time; skip it here to start faster
  return parseBundle(meta, payload, { validate: false });
}

Office.onReady(() => {
  connectSharedRuntime();
  const container = document.getElementById("container");
  if (container) createRoot(container).render(<App loadBundle={loadBundledData} />);
});
