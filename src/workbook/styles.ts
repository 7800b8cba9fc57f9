/**
 * The look of each block style, for both writers (the Office.js writer and the xlsx writer), so a
 * workbook built in the task pane and one written by the CLI look the same. Colours are #RRGGBB.
 */
import type { BlockStyle } from "./planTypes";

export interface StyleFormat {
  fill?: string;
  font?: { bold?: boolean; italic?: boolean; color?: string; size?: number };
}

export const STYLE_FORMATS: Readonly<Record<BlockStyle, StyleFormat>> = Object.freeze({
  title: { font: { bold: true, size: 14, color: "#1F3864" } },
  header: { fill: "#DDEBF7", font: { bold: true, color: "#1F3864" } },
  status: { fill: "#FFEB9C", font: { bold: true, color: "#9C5700" } },
  input: { fill: "#FFF2CC", font: { color: "#3F3F76" } },
  output: { fill: "#F2F2F2", font: { bold: true, color: "#3F3F3F" } },
  note: { font: { italic: true, color: "#595959" } },
  check: { fill: "#E2EFDA", font: { color: "#375623" } },
  plain: {},
});

/** "#1F3864" → "FF1F3864" (an ARGB colour as ExcelJS takes it). */
export function argb(hex: string): string {
  return `FF${hex.replace(/^#/, "").toUpperCase()}`;
}
