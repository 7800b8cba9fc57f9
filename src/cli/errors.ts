/** A user-facing CLI failure: one line naming the file, row and column; exit code 2. */
export class CliError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, " "));
    this.name = "CliError";
  }
}
