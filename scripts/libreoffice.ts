/**
 * Node only (tests and bench): headless LibreOffice through scripts/lo_recalc.py — open an .xlsx,
 * recalculate it (UNO calculateAll, timed), set cells and recalculate again, read ranges back.
 * LibreOffice ≥ 25.2 is needed for LET, SORT, FILTER and XMATCH; `.ci/run` installs it.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

export const LO_MIN_VERSION = "25.2";
const SCRIPT = resolve(__dirname, "lo_recalc.py");

export interface LibreOffice {
  soffice: string;
  version: string;
  /** A python with LibreOffice's `uno` module. */
  python: string;
}

/** "25.2.3.2" ≥ "25.2"? */
export function versionAtLeast(v: string, min: string): boolean {
  const a = v.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let k = 0; k < b.length; k++) {
    if ((a[k] ?? 0) !== b[k]) return (a[k] ?? 0) > b[k];
  }
  return true;
}

function run(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 60000 });
  } catch {
    return undefined;
  }
}

/** The installed LibreOffice (soffice on PATH, its version, a python that imports uno), or why not. */
export function findLibreOffice(): LibreOffice | { missing: string } {
  const soffice = ["soffice", "libreoffice"].find((b) => run("which", [b]) !== undefined);
  if (!soffice)
    return { missing: "soffice is not installed (apt-get install -t bookworm-backports libreoffice-calc-nogui)" };
  const version = /(\d+\.\d+(?:\.\d+)*)/.exec(run(soffice, ["--version"]) ?? "")?.[1];
  if (!version) return { missing: `${soffice} --version did not say its version` };
  if (!versionAtLeast(version, LO_MIN_VERSION))
    return { missing: `LibreOffice ${version} is older than ${LO_MIN_VERSION} (no LET/SORT/XMATCH)` };
  // HLN_PYTHON, else python3 on PATH, else the system interpreter Debian's python3-uno installs into
  // (a pyenv or venv python3 first on PATH usually lacks uno)
  const candidates = [process.env.HLN_PYTHON, "python3", "/usr/bin/python3"].filter((p): p is string => !!p);
  const python = candidates.find((p) => run(p, ["-c", "import uno"]) !== undefined);
  if (!python) return { missing: "no python with LibreOffice's uno module (apt-get install python3-uno)" };
  return { soffice, version, python };
}

/** Under CI (CI=true) a missing or old LibreOffice is a failure; elsewhere the caller may skip. */
export function libreOfficeRequired(): boolean {
  return process.env.CI === "true";
}

export type LoValue = number | string;

export interface RecalcPhase {
  /** [sheet, A1 cell, value] set before the recalculation. */
  set?: [string, string, number | string][];
  /** [sheet, A1 range] read after it. */
  read?: [string, string][];
}

export interface RecalcResult {
  loadMs: number;
  phases: { calcMs: number; values: LoValue[][][] }[];
}

/**
 * Opens `file`, and per phase sets cells, recalculates (calculateAll) and reads ranges. Errors read
 * "#ERR:<code>". `saveHtml`: also export the recalculated document as LibreOffice's HTML.
 */
export function recalc(
  lo: LibreOffice,
  file: string,
  phases: RecalcPhase[],
  timeoutMs = 600000,
  opts: { saveHtml?: string } = {},
): RecalcResult {
  const dir = mkdtempSync(join(tmpdir(), "hln-lo-"));
  try {
    const req = join(dir, "request.json");
    const out = join(dir, "result.json");
    writeFileSync(
      req,
      JSON.stringify({
        file: resolve(file),
        profile: join(dir, "profile"),
        soffice: lo.soffice,
        phases,
        ...(opts.saveHtml ? { saveHtml: resolve(opts.saveHtml) } : {}),
      }),
    );
    execFileSync(lo.python, [SCRIPT, req, out], { stdio: ["ignore", "ignore", "pipe"], timeout: timeoutMs });
    return JSON.parse(readFileSync(out, "utf8")) as RecalcResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
