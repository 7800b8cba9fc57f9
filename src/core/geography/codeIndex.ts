/**
 * Step 1 helper: turns area codes into row indices of a reference list (e.g. the LSOA 2021 codes
 * of the bundle), so lookups become integer arrays for the other geography functions. Unknown or
 * blank codes get −1.
 */
export function codeIndex(codes: ArrayLike<string>, reference: ArrayLike<string>): Int32Array {
  const pos = new Map<string, number>();
  for (let i = 0; i < reference.length; i++) if (!pos.has(reference[i])) pos.set(reference[i], i);
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = pos.get(codes[i]) ?? -1;
  return out;
}
