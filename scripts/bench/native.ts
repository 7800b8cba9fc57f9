/**
 * Native-formula workbooks (issue 14) on the full bundle: xlsx write time and size of the add-in,
 * native and compact native (`auditColumns: false`) files, then LibreOffice's recalculation of the
 * native file (UNO calculateAll after loading, median of 3, target ≤ 30 s) and its Score sheet
 * compared with the core (|a − b| ≤ 1e-9·max(1, |b|)).
 */
import { mkdtempSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { defaultSettings } from "../../src/core/settings";
import { hlnSpec } from "../../src/core/specs";
import { loadBundleFromDir } from "../../src/data/node";
import { parseAddress, rangeAddress } from "../../src/workbook/a1";
import { buildWorkbook } from "../../src/workbook/pipeline";
import type { WorkbookPlan } from "../../src/workbook/planTypes";
import { writePlanXlsx } from "../../src/workbook/xlsxWriter";
import { findLibreOffice, recalc } from "../libreoffice";

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** The Score sheet's formula blocks: [A1 range, cached column]. */
function scoreBlocks(plan: WorkbookPlan): { sheet: string; range: string; cached: (number | null)[] }[] {
  const s = plan.sheets.find((x) => x.role === "score")!;
  return s.blocks
    .filter((b) => b.formula)
    .map((b) => {
      const { row, col } = parseAddress(b.address);
      const v = b.columnValues![0] as Float64Array;
      return {
        sheet: s.name,
        range: rangeAddress(row - 1, col, b.rows ?? 1, 1),
        cached: Array.from(v, (x) => (Number.isFinite(x) ? x : null)),
      };
    });
}

export async function benchNative(log: (line: string) => void = console.log): Promise<void> {
  const lines = { push: (l: string) => log(l) };
  const bundle = loadBundleFromDir();
  const dir = mkdtempSync(join(tmpdir(), "hln-bench-native-"));
  const n = bundle.n;
  try {
    const files: Record<string, { ms: number; bytes: number; cells: number }> = {};
    let nativePlan: WorkbookPlan | undefined;
    for (const [label, options] of [
      ["addin", { formulas: "addin" as const }],
      ["native", { formulas: "native" as const }],
      ["compact", { formulas: "native" as const, auditColumns: false }],
    ] as const) {
      const { plan } = buildWorkbook(hlnSpec, bundle, defaultSettings(hlnSpec), options);
      const file = join(dir, `${label}.xlsx`);
      const stats = await writePlanXlsx(plan, file);
      files[label] = { ms: stats.ms, bytes: statSync(file).size, cells: stats.cells };
      if (label === "native") nativePlan = plan;
    }
    for (const [label, f] of Object.entries(files))
      lines.push(
        `hln-bench xlsx-write formulas=${label} s=${n} ms=${f.ms.toFixed(0)} mb=${mb(f.bytes)} cells=${f.cells}`,
      );
    lines.push(
      `hln-bench xlsx-write native/addin time_ratio=${(files.native.ms / files.addin.ms).toFixed(2)} (target ≤ 2.5) size_ratio=${(files.native.bytes / files.addin.bytes).toFixed(2)} compact/native size_ratio=${(files.compact.bytes / files.native.bytes).toFixed(2)}`,
    );
    const lo = findLibreOffice();
    if ("missing" in lo) {
      lines.push(`hln-bench native-recalc s=${n}: not run (${lo.missing})`);
      return;
    }
    const blocks = scoreBlocks(nativePlan!);
    const res = recalc(
      lo,
      join(dir, "native.xlsx"),
      [{}, {}, { read: blocks.map((b) => [b.sheet, b.range] as [string, string]) }],
      1800000,
    );
    // median of 3 calculateAll runs after one load
    const calc = res.phases.map((p) => p.calcMs).sort((a, b) => a - b);
    let bad = 0;
    let checked = 0;
    blocks.forEach((b, k) => {
      const got = res.phases[2].values[k];
      b.cached.forEach((w, i) => {
        checked++;
        const g = got[i]?.[0];
        const ok =
          w === null
            ? g === "" || (typeof g === "string" && g.startsWith("#"))
            : typeof g === "number" && Math.abs(g - w) <= 1e-9 * Math.max(1, Math.abs(w));
        if (!ok) bad++;
      });
    });
    lines.push(
      `hln-bench native-recalc s=${n} median_ms=${calc[1].toFixed(0)} runs_ms=${res.phases.map((p) => p.calcMs.toFixed(0)).join("/")} load_ms=${res.loadMs.toFixed(0)} (LibreOffice ${lo.version}; target ≤ 30000)`,
    );
    lines.push(
      `hln-bench native-recalc s=${n} score-sheet cells=${checked} differing_from_core=${bad} (1e-9; rounding ties, docs/workbook.md)`,
    );
    const compact = recalc(lo, join(dir, "compact.xlsx"), [{}], 1800000);
    lines.push(
      `hln-bench native-recalc compact s=${n} ms=${compact.phases[0].calcMs.toFixed(0)} load_ms=${compact.loadMs.toFixed(0)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void benchNative();
