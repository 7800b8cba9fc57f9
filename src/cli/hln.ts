/**
 * The `hln` command (npm run hln -- …; npm run build:measure = hln build). Bad input: one line on
 * stderr naming the file, row and column, exit code 2, no output file. Usage: docs/cli.md.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { Command, CommanderError, Option } from "commander";
import { BuildSummary, CSV_NAME, Progress, runBuild, XLSX_NAME } from "./build";
import { asUserError, REPORT_HINT } from "./errors";
import { runSensitivityCli, type SensitivityArgs } from "./sensitivity";
import { runCompareCli, type CompareArgs } from "./compare";
import { runScenariosExport } from "./scenarioFile";
import { plural } from "../workbook/plan/areas";

/** package.json two folders up: from src/cli (tsx) and from lib/cli (the compiled `hln` command) alike. */
const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };

/** Commander's accumulator for a repeatable option. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A progress bar on a terminal, plain lines otherwise (both on stderr). */
export function consoleProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY);
  let last = "";
  let lastPct = -1;
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  return {
    stage(label) {
      if (tty) stream.write(`\r\x1b[K${label}…`);
      else stream.write(`hln: ${label} (${secs()} s)\n`);
      last = label;
      lastPct = -1;
    },
    fraction(label, done, total) {
      const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
      if (tty) {
        const width = 30;
        const fill = Math.round((width * pct) / 100);
        stream.write(`\r\x1b[K${label} [${"#".repeat(fill)}${".".repeat(width - fill)}] ${pct}%`);
      } else if (pct >= lastPct + 25 || (pct === 100 && lastPct !== 100)) {
        stream.write(`hln: ${label} ${pct}% (${secs()} s)\n`);
        lastPct = pct;
      }
      last = label;
    },
    done() {
      if (tty && last) stream.write("\r\x1b[K");
    },
  };
}

/** The line on the indicators with no open data (left out by default; --include-synthetic). */
function noOpenDataLines(s: BuildSummary): string[] {
  const x = s.noOpenData;
  if (!x) return [];
  const n = `${x.labels.length} indicator${x.labels.length === 1 ? "" : "s"} with no open data`;
  return x.included
    ? [`  included ${n} (synthetic stand-ins, --include-synthetic; for demonstration only): ${x.labels.join("; ")}`]
    : [
        `  left out ${n} (synthetic stand-ins; used weight 0 — add your own with --replace, or --include-synthetic): ${x.labels.join("; ")}`,
      ];
}

export function summaryLines(s: BuildSummary): string[] {
  const lines = [
    `Built the ${s.measure} measure: ${s.areas.toLocaleString("en-GB")} ${plural(s.areaNoun)} (${s.inMeasure.toLocaleString("en-GB")} in the measure), ${s.indicators} indicators (${s.dataStatus}) in ${(s.ms / 1000).toFixed(1)} s`,
    ...s.files.map((f) => `  wrote ${f}`),
    ...(s.dataRead ? [`  read ${s.dataRead}`] : []),
    ...s.warnings.map((w) => `  warning: ${w}`),
    ...noOpenDataLines(s),
    `Top 5 ${plural(s.areaNoun)} (1 = most need):`,
  ];
  for (const t of s.top)
    lines.push(`  ${String(t.rank).padStart(2)}  ${t.code}  ${t.name}  (${t.lad})  ${t.score.toFixed(2)}`);
  if (s.dual)
    lines.push(
      `Dual disadvantage (most-need 10% of both the ${s.measure} and ${s.dual.against}): ${s.dual.flagged.toLocaleString("en-GB")} ${plural(s.areaNoun)}`,
    );
  for (const g of s.summaries)
    lines.push(
      `Summary by ${g.id}: ${g.groups.toLocaleString("en-GB")} groups${g.leftOut ? `; ${g.leftOut.toLocaleString("en-GB")} ${plural(s.areaNoun)} left out (named in the sheet's "left out" column)` : ""}`,
    );
  return lines;
}

export function program(): Command {
  const cmd = new Command("hln")
    .description("Builds OCSI's Hyper-local Need (HLN) measure for England's LSOAs without Excel.")
    .version(pkg.version)
    .showHelpAfterError(false)
    .exitOverride();
  cmd
    .command("build")
    .description(
      `Build the measure and write ${XLSX_NAME} (every computed cell a formula with its cached value) and ${CSV_NAME} (one row per area).`,
    )
    .option("--out <dir>", "output folder", "out")
    .option(
      "--weights <list>",
      "weight overrides by dimension, sub-dimension or indicator id, e.g. growth=0.3,energy=0.1",
    )
    .option("--constant <number>", "exponential-transform constant C (default 23)")
    .addOption(
      new Option(
        "--scaling <name>",
        "rank scaling of the sub-dimension and dimension transforms: hln = rank/(N+1), iod = rank/N",
      ),
    )
    .option("--spec <file.json>", "a measure spec (default: the shipped HLN spec, src/core/specs/hln.json)")
    .option(
      "--measure <book.xlsx>",
      "the measure from a workbook's HLN Measure and HLN Weights sheets (written by hln build or the add-in, edited or your own) instead of --spec",
    )
    .option(
      "--data <file>",
      "your own areas instead of the bundled LSOA data: a wide CSV, or an xlsx sheet (book.xlsx#Sheet) with a header row: area_code, group_code, optional area_name/group_name/population, and every data column the spec names (docs/cli.md)",
    )
    .option(
      "--summaries <list>",
      "area summary sheets in the workbook: lad (always) and any of utla, region, msoa, ward (bundled data), e.g. lad,ward",
    )
    .option(
      "--decimal <mark>",
      'decimal mark of --data: "." (default; 1,296 = one thousand two hundred and ninety-six) or "," (0,553 = 0.553)',
    )
    .option(
      "--second <file.csv>",
      "a second index for dual disadvantage (code, value[, name]); default: the bundled IMD 2025 rank (docs/cli.md)",
    )
    .addOption(
      new Option(
        "--second-direction <direction>",
        'how --second measures need: "score" (higher = more need) or "rank" (1 = most need)',
      ),
    )
    .option("--allow-partial", "build even when under 95% of the areas have a --second value")
    .option(
      "--include-synthetic",
      "include the indicators with no open data (the bundle's 5 synthetic stand-ins), for demonstration; by default they are left out (docs/data.md)",
    )
    .option(
      "--baseline <scenario>",
      "the HLN Compare sheet's baseline (default: the spec's settings): a scenario file (hln compare --save, hln scenarios) or the name of a saved scenario (--scenario, the --measure book's HLN Scenarios sheet, \"the spec's settings\")",
    )
    .option(
      "--scenario <file.json>",
      "a scenario file saved in the workbook's HLN Scenarios sheet (repeatable; after the --measure book's own)",
      collect,
    )
    .option(
      "--replace <indicator=file.csv>",
      "replace one indicator's data with yours: a CSV of area code and the indicator's columns (repeatable; docs/cli.md)",
      collect,
    )
    .option(
      "--replace-source <indicator=text>",
      "the source a --replace names on About and Sources (default: the file name)",
      collect,
    )
    .addOption(new Option("--format <format>", "what to write: xlsx, csv or both").default("both"))
    .addOption(
      new Option(
        "--formulas <mode>",
        "computed cells of the workbook: native (default; Excel 365/2021 built-in functions, recalculates with no add-in) or addin (HLN.* functions, recalculate with the add-in)",
      ),
    )
    .addOption(
      new Option(
        "--audit-columns <on|off>",
        "native workbooks: off leaves out the intermediate audit columns (shrinkage steps, district table quantities) for a smaller file",
      ),
    )
    .option("--quiet", "no progress and no summary")
    .action(
      async (opts: {
        out: string;
        weights?: string;
        constant?: string;
        scaling?: string;
        spec?: string;
        measure?: string;
        data?: string;
        summaries?: string;
        decimal?: string;
        second?: string;
        secondDirection?: string;
        allowPartial?: boolean;
        replace?: string[];
        replaceSource?: string[];
        includeSynthetic?: boolean;
        baseline?: string;
        scenario?: string[];
        format: string;
        formulas?: string;
        auditColumns?: string;
        quiet?: boolean;
      }) => {
        const progress = opts.quiet ? undefined : consoleProgress();
        const s = await runBuild({ ...opts, version: pkg.version }, progress);
        if (s.dataRead && !opts.quiet) process.stderr.write(`hln: ${s.dataRead}\n`);
        if (!opts.quiet) for (const l of s.replaced ?? []) process.stderr.write(`hln: ${l}\n`);
        for (const w of s.warnings) process.stderr.write(`hln: warning: ${w}\n`);
        if (!opts.quiet) for (const l of summaryLines(s)) process.stdout.write(l + "\n");
      },
    );
  sensitivityCommand(cmd);
  compareCommand(cmd);
  scenariosCommand(cmd);
  cmd.commands.forEach((c) => c.exitOverride());
  return cmd;
}

/** `hln sensitivity` (src/cli/sensitivity.ts; docs/uncertainty.md). */
function sensitivityCommand(cmd: Command): void {
  cmd
    .command("sensitivity")
    .description(
      "Monte Carlo uncertainty of the ranking over chosen factor groups (and, with --sobol N, sensitivity indices): per-area and per-group CSVs, SVG charts (docs/uncertainty.md).",
    )
    .option("--out <dir>", "output folder", "out")
    .option("--draws <n>", "Monte Carlo draws (1 to 100,000; default 1000)")
    .option("--seed <n>", "random seed, a whole number 1 to 4294967295 (default 1): the same seed gives the same files")
    .option(
      "--factors <list>",
      "factor groups that vary: any of weights, indicator-weights, constant, offset, scaling, shrinkage, or all (default all)",
    )
    .option("--sobol <n>", "also compute Sobol first-order and total-effect indices with base sample N (N·(d+2) runs)")
    .option("--bootstrap <n>", "bootstrap resamples of the Sobol 90% intervals (default 200)")
    .option("--leave-one-out", "also write the leave-one-indicator-out table (hln-leave-one-out.csv)")
    .option("--weight-cv <x>", "coefficient of variation of the Dirichlet weight draws (default 0.25)")
    .option("--concentration <x>", "Dirichlet concentration of every weight group, instead of the one from --weight-cv")
    .option("--constant-range <lo,hi>", "range of the constant C (default 15,30)")
    .option("--offsets <list>", "normal-score offsets drawn from (default vdw,blom,rankit,tukey)")
    .option("--weights <list>", "nominal weight overrides, as for hln build (e.g. growth=0.3,energy=0.1)")
    .option("--include-synthetic", "include the indicators with no open data, as for hln build")
    .option("--constant <number>", "nominal constant C (default 23)")
    .option("--scaling <name>", "nominal rank scaling: hln = rank/(N+1), iod = rank/N")
    .option("--spec <file.json>", "a measure spec (default: the shipped HLN spec)")
    .option("--data <file.csv>", "your own wide CSV instead of the bundled LSOA data (as for hln build)")
    .option("--decimal <mark>", 'decimal mark of --data: "." (default) or ","')
    .option("--threads <n>", "threads the runs are split over (default 2; the results do not depend on it)")
    .option("--quiet", "no progress and no summary")
    .action(async (opts: SensitivityArgs & { quiet?: boolean }) => {
      const progress = opts.quiet ? undefined : consoleProgress();
      const s = await runSensitivityCli({ ...opts, version: pkg.version }, progress);
      if (!opts.quiet) {
        process.stdout.write(
          `Uncertainty of the ranking of ${s.areas.toLocaleString("en-GB")} areas: ${s.draws} draws over ${s.factors.join(", ")}${s.sobolRuns ? `, Sobol indices from ${s.sobolRuns} runs` : ""} in ${(s.ms / 1000).toFixed(1)} s\n`,
        );
        process.stdout.write(`  mean absolute rank shift ${s.meanRankShift.toFixed(1)}\n`);
        for (const f of s.files) process.stdout.write(`  wrote ${f}\n`);
      }
    });
}

/** `hln compare` (src/cli/compare.ts; docs/uncertainty.md). */
function compareCommand(cmd: Command): void {
  cmd
    .command("compare")
    .description(
      "Compare the ranking of the current settings with a baseline (the spec's settings or --baseline scenario.json): per-area rank shifts and per-group counts (docs/uncertainty.md).",
    )
    .option("--out <dir>", "output folder", "out")
    .option(
      "--baseline <scenario.json>",
      'a saved scenario { "name": …, "settings": { … } } (default: the spec\'s own settings)',
    )
    .option("--weights <list>", "weight overrides of the current settings, e.g. growth=0.3,energy=0.1")
    .option(
      "--include-synthetic",
      "include the indicators with no open data in the current settings (a scenario says so itself: includeSynthetic)",
    )
    .option("--constant <number>", "constant C of the current settings")
    .option("--scaling <name>", "rank scaling of the current settings: hln or iod")
    .option("--spec <file.json>", "a measure spec (default: the shipped HLN spec)")
    .option("--data <file.csv>", "your own wide CSV instead of the bundled LSOA data (as for hln build)")
    .option("--decimal <mark>", 'decimal mark of --data: "." (default) or ","')
    .option("--save <scenario.json>", "also save the current settings as a scenario file")
    .option("--name <text>", 'name of the saved scenario (default "current")')
    .option("--quiet", "no summary")
    .action(async (opts: CompareArgs & { quiet?: boolean }) => {
      const s = await runCompareCli(opts);
      if (opts.quiet) return;
      const c = s.comparison;
      const lines = [
        `Compared with ${s.baseline}: mean absolute rank shift ${c.meanAbsShift.toFixed(1)}; ${c.decileChanged.toLocaleString("en-GB")} areas changed decile`,
        `  top 10%: ${c.entered10} entered, ${c.left10} left; top 20%: ${c.entered20} entered, ${c.left20} left`,
        "  moved most:",
        ...s.movers.map((m) => `    ${m.code}  ${m.name}  ${m.baseRank} → ${m.rank}`),
        ...s.files.map((f) => `  wrote ${f}`),
      ];
      for (const l of lines) process.stdout.write(l + "\n");
    });
}

/** `hln scenarios` (src/cli/scenarioFile.ts; docs/uncertainty.md). */
function scenariosCommand(cmd: Command): void {
  cmd
    .command("scenarios")
    .description(
      "Write the saved scenarios of a workbook's HLN Scenarios sheet as scenario files (for --baseline and --scenario).",
    )
    .argument("<book.xlsx>", "a workbook with HLN Measure, HLN Weights and HLN Scenarios sheets")
    .option("--out <dir>", "output folder", "out")
    .option("--quiet", "no summary")
    .action(async (book: string, opts: { out: string; quiet?: boolean }) => {
      const s = await runScenariosExport(book, opts.out);
      if (opts.quiet) return;
      process.stdout.write(`${s.files.length} scenario${s.files.length === 1 ? "" : "s"} in ${s.book}\n`);
      for (const f of s.files) process.stdout.write(`  wrote ${f}\n`);
    });
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const cmd = program();
  cmd.configureOutput({
    writeErr: (str) => {
      // commander's own errors ("error: unknown option '--x'") are printed once, on one line
      process.stderr.write(
        `hln: ${
          str
            .replace(/^error: /, "")
            .trim()
            .split("\n")[0]
        }\n`,
      );
    },
  });
  try {
    await cmd.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help")
        return 0;
      return 2;
    }
    const user = asUserError(e);
    if (user) {
      process.stderr.write(`\nhln: ${user.message}\n`);
      return 2;
    }
    const msg = String((e as Error)?.message ?? e).split("\n")[0];
    process.stderr.write(`\nhln: internal error: ${msg} — ${REPORT_HINT}\n`);
    if (process.env.HLN_DEBUG) process.stderr.write(`${(e as Error)?.stack ?? ""}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
