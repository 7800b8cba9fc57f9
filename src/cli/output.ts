/**
 * The output folder and the temporary files of a build: the folder is checked and created before
 * any work (a file, an unwritable place or a pseudo-filesystem such as /proc fails at once with one
 * line), and temporary outputs are removed on failure and on SIGINT/SIGTERM/SIGHUP.
 */
import { accessSync, constants, mkdirSync, rmSync, statSync, unlinkSync, writeFileSync } from "fs";
import { dirname, join, resolve } from "path";
import { CliError } from "./errors";

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/**
 * Makes sure `dir` is a folder we can write to, creating it (and missing parents) one level at a
 * time — Node's `mkdirSync(…, { recursive: true })` loops forever on /proc. Returns the absolute path.
 */
export function prepareOutDir(dir: string): string {
  const abs = resolve(dir);
  const missing: string[] = [];
  let p = abs;
  for (;;) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      if (code(e) !== "ENOENT") throw new CliError(`--out ${dir}: cannot use ${p} (${code(e)})`);
      missing.push(p);
      const up = dirname(p);
      if (up === p) throw new CliError(`--out ${dir}: no such folder`);
      p = up;
      continue;
    }
    if (!st.isDirectory())
      throw new CliError(
        p === abs ? `--out ${dir}: is a file, not a folder` : `--out ${dir}: ${p} is a file, not a folder`,
      );
    break;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      throw new CliError(`--out ${dir}: cannot create the folder ${m} (${code(e)})`);
    }
  }
  const probe = join(abs, `.hln-write-test-${process.pid}`);
  try {
    accessSync(abs, constants.W_OK);
    writeFileSync(probe, "");
    unlinkSync(probe);
  } catch (e) {
    throw new CliError(`--out ${dir}: cannot write to this folder (${code(e)})`);
  }
  return abs;
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
const SIGNAL_NUMBER: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/**
 * Temporary files that must not outlive the process: `add` them as they are created; `removeAll`
 * on failure; `release` when they have been renamed into place. While any are registered, a
 * SIGINT/SIGTERM/SIGHUP removes them and exits with 128 + the signal number.
 */
export class TempFiles {
  private files = new Set<string>();
  private handler = (sig: NodeJS.Signals) => {
    this.removeAll();
    process.stderr.write(`\nhln: stopped (${sig}); temporary files removed\n`);
    process.exit(128 + (SIGNAL_NUMBER[sig] ?? 0));
  };
  private listening = false;

  add(path: string): string {
    this.files.add(path);
    if (!this.listening) {
      for (const s of SIGNALS) process.on(s, this.handler);
      this.listening = true;
    }
    return path;
  }

  removeAll(): void {
    for (const f of this.files) rmSync(f, { force: true });
    this.files.clear();
    this.release();
  }

  /** Stops watching (the files were renamed or removed). */
  release(): void {
    this.files.clear();
    if (this.listening) for (const s of SIGNALS) process.off(s, this.handler);
    this.listening = false;
  }
}
