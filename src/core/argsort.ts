const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const RADIX = 65536;
const MASK = RADIX - 1;

// Scratch space reused between calls (JavaScript runs one call at a time; the results are always
// fresh arrays), so the dozens of sorts of one build allocate little. Keys and indices are
// interleaved (key, index) so each scattered element touches one cache line.
let pairA = new Uint32Array(0);
let pairB = new Uint32Array(0);
const hist = new Uint32Array(2 * RADIX);

/**
 * Indices of the finite values in ascending order of value (ties in index order), O(N): an LSD radix
 * sort (two 16-bit passes, keys carried with their indices) on the high 32 bits of the IEEE pattern
 * made order-preserving, then the rare runs that share those bits are finished by comparing the
 * values themselves. Well under 1 ms for 33,755 values where a comparator sort of indices takes
 * ~10 ms. Missing values (NaN, ±Infinity) are left out. Every rank-based step (6, 8, need ranks, LA
 * summaries) sorts through this function.
 */
export function argsort(values: ArrayLike<number>): Uint32Array {
  return argsortKeys(values).order;
}

/**
 * argsort plus the sorted order-preserving high words (`keys[k]` belongs to `order[k]`): two values
 * with different keys differ, so callers can find ties without reading most values again.
 */
export function argsortKeys(values: ArrayLike<number>): { order: Uint32Array; keys: Uint32Array } {
  const n = values.length;
  if (pairA.length < 2 * n) {
    pairA = new Uint32Array(2 * n);
    pairB = new Uint32Array(2 * n);
  }
  hist.fill(0);
  // high 32-bit words straight from the buffer when the input is an aligned Float64Array
  const words =
    values instanceof Float64Array && values.byteOffset % 4 === 0
      ? new Uint32Array(values.buffer, values.byteOffset, 2 * n)
      : undefined;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN and ±Infinity
    let h: number;
    if (v === 0)
      h = 0; // −0 sorts with +0
    else if (words) h = words[2 * i + HI];
    else {
      f64[0] = v;
      h = u32[HI];
    }
    const k = h & 0x80000000 ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    pairA[2 * m] = k;
    pairA[2 * m + 1] = i;
    hist[k & MASK]++;
    hist[RADIX + (k >>> 16)]++;
    m++;
  }
  let cur = pairA;
  let nxt = pairB;
  for (let pass = 0; pass < 2 && m > 0; pass++) {
    const shift = pass * 16;
    const base = pass * RADIX;
    if (hist[base + ((cur[0] >>> shift) & MASK)] === m) continue; // every key shares this digit
    let sum = 0;
    for (let d = base; d < base + RADIX; d++) {
      const c = hist[d];
      hist[d] = sum;
      sum += c;
    }
    for (let j = 0; j < 2 * m; j += 2) {
      const k = cur[j];
      const p = 2 * hist[base + ((k >>> shift) & MASK)]++;
      nxt[p] = k;
      nxt[p + 1] = cur[j + 1];
    }
    const t = cur;
    cur = nxt;
    nxt = t;
  }
  const order = new Uint32Array(m);
  const key = new Uint32Array(m);
  for (let j = 0; j < m; j++) {
    key[j] = cur[2 * j];
    order[j] = cur[2 * j + 1];
  }
  // finish runs that share the high 32 bits (values within ~1e-6 relative of each other)
  for (let s = 0; s < m;) {
    let e = s + 1;
    while (e < m && key[e] === key[s]) e++;
    if (e - s > 1) sortRun(order, s, e, values);
    s = e;
  }
  return { order, keys: key };
}

function sortRun(order: Uint32Array, s: number, e: number, values: ArrayLike<number>): void {
  if (e - s <= 24) {
    // insertion sort by (value, index): runs are short (values within ~1e-6 relative)
    for (let k = s + 1; k < e; k++) {
      const o = order[k];
      const v = values[o];
      let j = k - 1;
      while (j >= s && (values[order[j]] > v || (values[order[j]] === v && order[j] > o))) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = o;
    }
    return;
  }
  const v0 = values[order[s]];
  let same = true;
  for (let k = s + 1; k < e && same; k++) same = values[order[k]] === v0;
  if (same) return; // ties are already in index order (the radix passes are stable)
  const run = Array.from(order.subarray(s, e));
  run.sort((a, b) => values[a] - values[b] || a - b);
  for (let k = 0; k < run.length; k++) order[s + k] = run[k];
}
