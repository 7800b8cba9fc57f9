/** A user-facing CLI failure: one line naming the file, row and column; exit code 2. */
export class CliError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, " "));
    this.name = "CliError";
  }
}

/** Printed after "hln: internal error: …" (exit code 1); HLN_DEBUG=1 adds the stack trace. */
export const REPORT_HINT =
  "this is a bug in hln, not in your input: please report it with the command you ran (run again with HLN_DEBUG=1 for details)";

/** File-system failures the user can fix (a full disk, a read-only or missing place, permissions). */
const USER_FS_CODES = new Map<string, string>(
  Object.entries({
    ENOENT: "no such file or folder",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EROFS: "read-only file system",
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    EISDIR: "is a folder",
    ENOTDIR: "a part of the path is not a folder",
    EEXIST: "already exists",
    EMFILE: "too many open files",
    ENAMETOOLONG: "name too long",
  }),
);

/** A CliError, or a file-system error turned into one line; undefined for internal errors. */
export function asUserError(e: unknown): CliError | undefined {
  if (e instanceof CliError) return e;
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === "string" && USER_FS_CODES.has(err.code) && typeof err.syscall === "string") {
    const where = err.path ? `${err.path}: ` : "";
    return new CliError(`${where}cannot ${err.syscall} (${USER_FS_CODES.get(err.code)}, ${err.code})`);
  }
  return undefined;
}
