import { gzipSync, strToU8 } from "fflate";
import { MAGIC, NA_INT, type PayloadHeader } from "./format";
import type { ColumnMeta } from "./types";

/**
 * Encodes the binary payload (see format.ts) and gzips it deterministically (mtime 0, level 9).
 * Values are rounded to `decimals` and stored as int32; NaN becomes NA_INT.
 */
export function encodePayload(
  header: PayloadHeader,
  columns: ColumnMeta[],
  values: Record<string, Float64Array>,
  flags: Record<string, Uint8Array>,
): Uint8Array {
  const n = header.n;
  const json = strToU8(JSON.stringify(header));
  const jsonPadded = Math.ceil(json.length / 4) * 4;
  const flagged = columns.filter((c) => c.hasFlags);
  const size = 8 + jsonPadded + columns.length * n * 4 + flagged.length * n;
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  for (let i = 0; i < 4; i++) buf[i] = MAGIC.charCodeAt(i);
  view.setUint32(4, json.length, true);
  buf.set(json, 8);
  let off = 8 + jsonPadded;
  for (const c of columns) {
    const v = values[c.id];
    if (!v || v.length !== n) throw new Error(`column ${c.id}: expected ${n} values`);
    const scale = 10 ** c.decimals;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      let q = NA_INT;
      if (Number.isFinite(x)) {
        q = Math.round(x * scale);
        if (q <= NA_INT || q > 2147483647)
          throw new Error(`column ${c.id}: ${x} does not fit int32 at ${c.decimals} d.p.`);
      }
      view.setInt32(off, q, true);
      off += 4;
    }
  }
  for (const c of flagged) {
    const f = flags[c.id];
    if (!f || f.length !== n) throw new Error(`column ${c.id}: expected ${n} flags`);
    buf.set(f, off);
    off += n;
  }
  return gzipSync(buf, { level: 9, mtime: 0 });
}
