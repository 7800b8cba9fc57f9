/** Runs the hln CLI's main() in-process, capturing stdout and stderr. */
import { main } from "../../src/cli/hln";

export async function runCli(args: string[]): Promise<{ code: number; err: string; out: string }> {
  let err = "";
  let out = "";
  const e = jest
    .spyOn(process.stderr, "write")
    .mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  const o = jest
    .spyOn(process.stdout, "write")
    .mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  try {
    const code = await main(args);
    return { code, err, out };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}
