/**
 * The SVG charts of `hln sensitivity` and the task pane's Uncertainty card (hand-built strings, no fonts or scripts fetched): a
 * rank-interval plot of the areas in most need (5th–95th percentile rank as a bar, the median as a
 * dot, the nominal rank as a tick) and a bar chart of the first-order and total-effect indices per
 * factor group with their bootstrap intervals. Numbers are written with fixed decimals, so the same
 * results give byte-identical files.
 */
import type { MeasureSpec } from "../core/spec";
import { topAreas } from "../core/topAreas";
import type { SensitivityResult, SobolIndex, UncertaintyResult } from "../core/uncertainty";
import { plural } from "./plan/areas";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const f1 = (x: number) => x.toFixed(1);
const FONT = 'font-family="Segoe UI, Arial, sans-serif"';

/** Ticks 0 … max at a 1-2-5 step giving about 6 intervals. */
function ticks(max: number): number[] {
  const raw = max / 6;
  const p = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

export interface IntervalRow {
  label: string;
  nominal: number;
  median: number;
  p05: number;
  p95: number;
}

/** Rank-interval plot: one row per area, ranks on the x axis (1 = most need, at the left). */
export function rankIntervalSvg(rows: IntervalRow[], title: string, note: string): string {
  const rowH = 14;
  const left = 300;
  const plotW = 460;
  const top = 56;
  const h = top + rows.length * rowH + 50;
  const w = left + plotW + 30;
  const maxRank = Math.max(10, ...rows.map((r) => r.p95).filter(Number.isFinite));
  const ts = ticks(maxRank);
  const xMax = ts[ts.length - 1] < maxRank ? maxRank : ts[ts.length - 1];
  const x = (r: number) => left + (plotW * (r - 0)) / xMax;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" ${FONT} font-size="11">`,
    `<rect width="${w}" height="${h}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="600">${esc(title)}</text>`,
    `<text x="12" y="38" fill="#555">${esc(note)}</text>`,
  ];
  for (const t of ts) {
    out.push(
      `<line x1="${f1(x(t))}" y1="${top - 4}" x2="${f1(x(t))}" y2="${top + rows.length * rowH}" stroke="#e3e3e3"/>`,
      `<text x="${f1(x(t))}" y="${top + rows.length * rowH + 16}" text-anchor="middle" fill="#555">${t}</text>`,
    );
  }
  out.push(
    `<text x="${f1(left + plotW / 2)}" y="${top + rows.length * rowH + 34}" text-anchor="middle">rank (1 = most need): bar 5th–95th percentile, dot median, tick nominal</text>`,
  );
  rows.forEach((r, k) => {
    const y = top + k * rowH + rowH / 2;
    out.push(`<text x="${left - 8}" y="${f1(y + 4)}" text-anchor="end">${esc(r.label)}</text>`);
    if (Number.isFinite(r.p05) && Number.isFinite(r.p95))
      out.push(
        `<line x1="${f1(x(r.p05))}" y1="${f1(y)}" x2="${f1(x(r.p95))}" y2="${f1(y)}" stroke="#7aa6d6" stroke-width="5"/>`,
      );
    if (Number.isFinite(r.median)) out.push(`<circle cx="${f1(x(r.median))}" cy="${f1(y)}" r="3" fill="#1f4e89"/>`);
    out.push(
      `<line x1="${f1(x(r.nominal))}" y1="${f1(y - 5)}" x2="${f1(x(r.nominal))}" y2="${f1(y + 5)}" stroke="#c0392b" stroke-width="2"/>`,
    );
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}

/** Bars of Sᵢ and STᵢ per factor with 90% interval whiskers, on a 0–1 axis. */
export function indicesSvg(factors: string[], idx: SobolIndex[], title: string, note: string): string {
  const left = 150;
  const plotW = 480;
  const top = 70;
  const groupH = 44;
  const h = top + factors.length * groupH + 50;
  const w = left + plotW + 40;
  const lo = Math.min(0, ...idx.flatMap((i) => [i.sLow, i.S, i.stLow, i.ST]).filter(Number.isFinite));
  const hi = Math.max(1, ...idx.flatMap((i) => [i.sHigh, i.S, i.stHigh, i.ST]).filter(Number.isFinite));
  const x = (v: number) => left + (plotW * (v - lo)) / (hi - lo);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" ${FONT} font-size="11">`,
    `<rect width="${w}" height="${h}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="600">${esc(title)}</text>`,
    `<text x="12" y="38" fill="#555">${esc(note)}</text>`,
    `<rect x="${left}" y="46" width="10" height="10" fill="#7aa6d6"/><text x="${left + 14}" y="55">first order Sᵢ</text>`,
    `<rect x="${left + 110}" y="46" width="10" height="10" fill="#1f4e89"/><text x="${left + 124}" y="55">total effect STᵢ</text>`,
    `<text x="${left + 240}" y="55" fill="#555">whiskers: bootstrap 90% interval</text>`,
  ];
  for (let t = Math.ceil(lo * 5) / 5; t <= hi + 1e-9; t += 0.2) {
    const v = Number(t.toFixed(1));
    out.push(
      `<line x1="${f1(x(v))}" y1="${top - 6}" x2="${f1(x(v))}" y2="${top + factors.length * groupH}" stroke="${v === 0 ? "#888" : "#e3e3e3"}"/>`,
      `<text x="${f1(x(v))}" y="${top + factors.length * groupH + 16}" text-anchor="middle" fill="#555">${v.toFixed(1)}</text>`,
    );
  }
  factors.forEach((f, k) => {
    const y0 = top + k * groupH;
    out.push(`<text x="${left - 8}" y="${y0 + 22}" text-anchor="end">${esc(f)}</text>`);
    const bar = (v: number, a: number, b: number, y: number, fill: string) => {
      if (!Number.isFinite(v)) {
        out.push(`<text x="${left + 4}" y="${y + 10}" fill="#888">no variation</text>`);
        return;
      }
      const x0 = x(Math.min(0, v));
      out.push(`<rect x="${f1(x0)}" y="${y}" width="${f1(Math.abs(x(v) - x(0)))}" height="13" fill="${fill}"/>`);
      if (Number.isFinite(a) && Number.isFinite(b))
        out.push(
          `<line x1="${f1(x(a))}" y1="${y + 6.5}" x2="${f1(x(b))}" y2="${y + 6.5}" stroke="#222"/>`,
          `<line x1="${f1(x(a))}" y1="${y + 2}" x2="${f1(x(a))}" y2="${y + 11}" stroke="#222"/>`,
          `<line x1="${f1(x(b))}" y1="${y + 2}" x2="${f1(x(b))}" y2="${y + 11}" stroke="#222"/>`,
        );
    };
    bar(idx[k].S, idx[k].sLow, idx[k].sHigh, y0 + 4, "#7aa6d6");
    bar(idx[k].ST, idx[k].stLow, idx[k].stHigh, y0 + 20, "#1f4e89");
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}

/** The rank-interval plot of the 50 areas in most need (nominal ranks), labelled "rank. code name". */
export function rankIntervalChart(
  codes: readonly string[],
  names: readonly string[],
  r: UncertaintyResult,
  noun: string,
  spec: MeasureSpec,
): string {
  const top = Array.from(topAreas(r.nominalRank, 50));
  const rows = top.map((i) => ({
    label: `${r.nominalRank[i]}. ${codes[i]} ${names[i] ?? ""}`.slice(0, 48),
    nominal: r.nominalRank[i],
    median: r.median[i],
    p05: r.p05[i],
    p95: r.p95[i],
  }));
  const o = r.options;
  return rankIntervalSvg(
    rows,
    `The ${top.length} ${plural(noun)} in most need: how far their ${spec.short ?? ""} rank moves`.replace("  ", " "),
    `${o.draws} draws over ${o.factors.join(", ")}; seed ${o.seed}.`,
  );
}

/** The bar chart of the Sobol indices of the mean absolute rank shift. */
export function indicesChart(s: SensitivityResult): string {
  return indicesSvg(
    s.factors,
    s.rankShift,
    "Sensitivity of the ranking to each factor group",
    `Output: mean absolute rank shift. Sobol N = ${s.n} (${s.runs} runs), seed ${s.options.seed}, ${s.options.bootstrap} bootstrap resamples.`,
  );
}
