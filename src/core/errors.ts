/**
 * The one error type the core throws, for whole-call problems (a bad option, columns of different
 * lengths, a malformed spec). `code` is stable for adapters to map to Excel errors; `path` names the
 * offending field (e.g. "dimensions[2].indicators[0].weight").
 */
export class HlnError extends Error {
  readonly code: string;
  readonly path?: string;
  constructor(code: string, message: string, path?: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = "HlnError";
    this.code = code;
    this.path = path;
  }
}

export function assertSameLength(columns: ArrayLike<unknown>[], names: string[]): void {
  const n = columns[0]?.length ?? 0;
  for (let j = 1; j < columns.length; j++) {
    if (columns[j].length !== n) {
      throw new HlnError(
        "LENGTH_MISMATCH",
        `${names[j] ?? `column ${j + 1}`} has ${columns[j].length} rows but ${names[0] ?? "column 1"} has ${n}`,
      );
    }
  }
}
