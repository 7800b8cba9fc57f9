/**
 * Turns group labels (district codes) into dense integer codes 0..G−1, in order of first
 * appearance. Blank labels (null, undefined, "") get −1 ("no group").
 */
export function groupIndex(labels: ArrayLike<string | number | null | undefined>): {
  codes: Int32Array;
  labels: string[];
} {
  const codes = new Int32Array(labels.length);
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l === null || l === undefined || l === "") {
      codes[i] = -1;
      continue;
    }
    const key = String(l);
    let c = seen.get(key);
    if (c === undefined) {
      c = out.length;
      seen.set(key, c);
      out.push(key);
    }
    codes[i] = c;
  }
  return { codes, labels: out };
}

/** Number of groups implied by integer codes (max code + 1). */
export function groupCount(codes: ArrayLike<number>): number {
  let g = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= g) g = codes[i] + 1;
  return g;
}
