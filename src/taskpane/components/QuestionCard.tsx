/**
 * The question a build waits on before it writes anything: Measure or Weights cells it cannot use,
 * cells the user typed into HLN sheets, a renamed or deleted Weights sheet, a stale build lock. Each
 * answer is a button; nothing is defaulted or erased without one.
 */
import * as React from "react";
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { BuildAnswer, BuildQuestion } from "../controller";

interface Props {
  question: BuildQuestion;
  onAnswer: (a: BuildAnswer) => void;
}

const shown = (v: unknown) => (typeof v === "string" ? `“${v}”` : String(v));

/** Title, lines and answers of a question. */
function content(q: BuildQuestion): { title: string; lines: string[]; answers: [BuildAnswer, string][] } {
  switch (q.kind) {
    case "measure-problems":
      return {
        title: `${q.problems.length} cell${q.problems.length === 1 ? "" : "s"} of ${q.sheet} cannot be used`,
        lines: [
          `The rebuild reads the measure from ${q.sheet}; nothing is built until these cells are fixed. With the bundled ${q.bundled} spec instead, ${q.sheet} is written again from it (your edits there are replaced).`,
          ...q.problems.map((p) => `${p.cell}: ${p.why}`),
        ],
        answers: [
          ["cancel", "Fix them first"],
          ["bundled", `Use the bundled ${q.bundled} spec`],
        ],
      };
    case "weights-problems":
      return {
        title: `${q.problems.length} Weights cell${q.problems.length === 1 ? "" : "s"} cannot be used`,
        lines: q.problems.map((p) => `${p.cell}: ${p.why.replace(/; the spec's value is used$/, "")}`),
        answers: [
          ["cancel", "Fix them first"],
          ["defaults", "Use the spec's values for these cells"],
        ],
      };
    case "user-content":
      return {
        title: `${q.cells.length} cell${q.cells.length === 1 ? "" : "s"} you filled in HLN sheets would be erased`,
        lines: q.cells.map((c) => `${c.sheet}!${c.address}: ${shown(c.formula || c.value)}`),
        answers: [
          ["copy", "Copy them to a new sheet, then rebuild"],
          ["proceed", "Rebuild without them"],
          ["cancel", "Cancel"],
        ],
      };
    case "weights-renamed":
      return {
        title: `The sheet ${q.expected} was renamed to ${q.renamedTo}`,
        lines: ["The rebuild reads your settings from it and gives it its name back (your references follow it)."],
        answers: [
          ["use", `Use ${q.renamedTo} and rename it back`],
          ["cancel", "Cancel"],
        ],
      };
    case "weights-missing":
      return {
        title: `The sheet ${q.expected} is missing`,
        lines: [
          q.saved
            ? "The last build saved its settings: the rebuild can use them, or the spec's defaults."
            : "No saved settings were found: the rebuild would use the spec's defaults.",
        ],
        answers: [
          ...(q.saved ? ([["saved", "Use the saved settings"]] as [BuildAnswer, string][]) : []),
          ["defaults", "Use the spec's defaults"],
          ["cancel", "Cancel"],
        ],
      };
    case "stale-lock":
      return {
        title: "Another build's lock looks stale",
        lines: [q.message],
        answers: [
          ["break", "Break the lock and build"],
          ["cancel", "Cancel"],
        ],
      };
  }
}

export function QuestionCard({ question, onAnswer }: Props): React.JSX.Element {
  const c = content(question);
  return (
    <MessageBar intent="warning" layout="multiline" data-testid={`question-${question.kind}`}>
      <MessageBarBody>
        <MessageBarTitle>{c.title}</MessageBarTitle>
        {c.lines.slice(0, 8).map((l) => (
          <div key={l}>{l}</div>
        ))}
        {c.lines.length > 8 ? <div>… and {c.lines.length - 8} more</div> : null}
      </MessageBarBody>
      <MessageBarActions>
        {c.answers.map(([a, label], k) => (
          <Button key={a} appearance={k === 0 ? "primary" : "secondary"} size="small" onClick={() => onAnswer(a)}>
            {label}
          </Button>
        ))}
      </MessageBarActions>
    </MessageBar>
  );
}
