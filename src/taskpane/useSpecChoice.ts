/**
 * useSpecChoice: the Measure card's state — which measure a build uses: the bundled one (the pane's
 * spec), the workbook's HLN Measure sheet, or a spec file the user picked (parsed by parseSpecText,
 * the CLI's --spec parser; its HlnError messages shown). "auto" (the start) is the Measure sheet
 * when the workbook has one, else the bundled spec: a rebuild keeps the user's Measure sheet edits.
 */
import * as React from "react";
import { HlnError } from "../core/errors";
import type { MeasureSpec } from "../core/spec";
import { parseSpecText } from "../core/specText";

export type SpecSource = "auto" | "bundled" | "sheet" | "file";

export interface SpecChoiceState {
  source: SpecSource;
  /** The choice shown: "auto" resolved by whether the workbook has a Measure sheet. */
  shown: (hasSheet: boolean) => Exclude<SpecSource, "auto">;
  select: (s: Exclude<SpecSource, "auto">) => void;
  /** The bundled measure (the pane's spec). */
  bundled: MeasureSpec;
  /** The spec a build is given: the spec file's when chosen and read, else the bundled one. */
  spec: MeasureSpec;
  /** The controller's specFrom: the Measure sheet may be read, or the given spec is used as it is. */
  specFrom: "workbook" | "given";
  file: { name: string; spec?: MeasureSpec; error?: string } | null;
  /** Reads a spec file's text (the file input's File.text()). */
  readFile: (name: string, text: string) => void;
}

/** A spec file's text → its spec, or the message naming the file and the field. */
export function readSpecFile(name: string, text: string): { name: string; spec?: MeasureSpec; error?: string } {
  try {
    return { name, spec: parseSpecText(name, text) };
  } catch (e) {
    if (e instanceof HlnError) return { name, error: e.message };
    throw e;
  }
}

export function useSpecChoice(bundled: MeasureSpec): SpecChoiceState {
  const [source, setSource] = React.useState<SpecSource>("auto");
  const [file, setFile] = React.useState<SpecChoiceState["file"]>(null);
  const fileSpec = source === "file" ? file?.spec : undefined;
  return {
    source,
    bundled,
    shown: (hasSheet) => (source === "auto" ? (hasSheet ? "sheet" : "bundled") : source),
    select: setSource,
    spec: fileSpec ?? bundled,
    specFrom: source === "auto" || source === "sheet" ? "workbook" : "given",
    file,
    readFile: (name, text) => {
      setFile(readSpecFile(name, text));
      setSource("file");
    },
  };
}
