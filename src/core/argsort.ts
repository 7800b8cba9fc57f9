const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
// three 11-bit digits (11 + 11 + 10 bits of the key): their three histograms take 24 KB and stay
// in L1 while the values are scattered (two 16-bit digits took 512 KB and 131,072 buckets to clear
// and scan per call)
const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;
const PASSES = 3;

const LO = 1 - HI;

// Scratch space reused between calls (JavaScript runs one call at a time; the results are fresh
// arrays unless the caller asks for scratch ones), so the dozens of sorts of one build allocate little. The passes move pairs
// (high key, index), so each scattered element touches one cache line; low words are read only
// for the rare runs of equal high words, after the sort.
let pairA = new Uint32Array(0);
let pairB = new Uint32Array(0);
const hist = new Uint32Array(PASSES * RADIX);
let keyBuf = new Uint32Array(0);
let lowBuf = new Uint32Array(0);
let orderBuf = new Uint32Array(0);

/** The two pair buffers, grown to hold n (key, index) pairs. */
function growPairs(n: number): void {
  if (pairA.length >= 2 * n) return;
  pairA = new Uint32Array(2 * n);
  pairB = new Uint32Array(2 * n);
}

/**
 * A reused buffer of at least n entries for argsortKeys' `orderInto`, for a caller that reads the
 * order within its own call only (mapRanked, needRank): the next scratchOrder call reuses it.
 */
export function scratchOrder(n: number): Uint32Array {
  if (orderBuf.length < n) orderBuf = new Uint32Array(n);
  return orderBuf;
}

/**
 * Indices of the finite values in ascending order of value (ties in index order), O(N), by LSD radix
 * sort with the keys carried beside their indices, one of two ways:
 * - fixed point (fixedPointKeys): q = ⌊(v − min) (2²² − 1) / (max − min)⌋, monotone in v, sorted in
 *   two 11-bit passes; the runs that share a q (values within ~2.4e-7 of the range of each other)
 *   are finished by comparing the values. Used for up to 65,536 values (more share keys, and at
 *   190,000 and 1 M rows it was no faster), unless the range is 0 or not finite or a run that
 *   needs sorting is longer than LONG_RUN (values crowded by an outlier far from the rest);
 * - else IEEE bits (floatBitsKeys): three 11-bit passes on the high 32 bits of the bit pattern made
 *   order-preserving (a pass skipped when every key shares its digit), the runs that share those
 *   bits finished by the low 32 bits.
 * On the bundle's 33,755-row columns and overall sums (2-core test machine, median of 30
 * interleaved rounds): fixed point 1.1–1.3 ms a sort, IEEE bits 1.3–1.5 ms, a comparator sort of
 * indices ~10 ms. Missing values (NaN, ±Infinity) are left out.
 * Every rank-based step (6, 8, need ranks, LA summaries) sorts through this file: steps 6 and 8
 * (mapRanked) through fixedPointRanks, which shares the fixed-point sort's first passes.
 */
export function argsort(values: ArrayLike<number>): Uint32Array {
  return argsortKeys(values).order;
}

/** The sorted order with the two words that tell ties: see argsortKeys. */
export interface SortedKeys {
  order: Uint32Array;
  keys: Uint32Array;
  lows: Uint32Array;
}

/**
 * argsort plus two words per sorted position (`keys[k]`, `lows[k]` belong to `order[k]`), ascending
 * as a pair: two neighbours in the order are equal exactly when both words are (−0 and +0 are
 * equal), so callers find ties without reading the values again. `lows` is 0 except in runs that
 * share a key. `scratch`: keys and lows are views of buffers the next call reuses (for a caller
 * that reads them at once and keeps only `order`), so a sort allocates one array, not three.
 * `orderInto` (at least values.length long): `order` is a view of it, so a caller that walks the
 * order once and keeps nothing (a Monte Carlo draw) allocates nothing; else `order` is fresh.
 */
export function argsortKeys(values: ArrayLike<number>, scratch = false, orderInto?: Uint32Array): SortedKeys {
  return fixedPointKeys(values, scratch, orderInto) ?? floatBitsKeys(values, scratch, orderInto);
}

/** The order array of m sorted positions: a fresh one, or a view of the caller's buffer. */
function orderArray(m: number, into: Uint32Array | undefined): Uint32Array {
  return into ? into.subarray(0, m) : new Uint32Array(m);
}

/** Digits of the fixed-point key: two passes of BITS. */
const QMAX = (1 << (2 * BITS)) - 1;
/** Longest run of equal fixed-point keys finished by insertion sort before the IEEE way is used. */
const LONG_RUN = 64;
/** Most values sorted by fixed point: beyond, more values share a key and the IEEE way is as fast. */
const FIXED_MAX = 1 << 16;

/**
 * The fixed-point sort of argsortKeys: keys[k] = q, lows[k] = the number of distinct values before
 * order[k] in its run of equal q. undefined when it does not apply (see argsort).
 */
export function fixedPointKeys(
  values: ArrayLike<number>,
  scratch = false,
  orderInto?: Uint32Array,
): SortedKeys | undefined {
  const n = values.length;
  const m = fixedLowPass(values);
  if (m === 0) return undefined;
  const nxt = pairB;
  const h = hist;
  const order = orderArray(m, orderInto);
  const { keys, lows } = keyArrays(m, n, scratch);
  for (let t = 0; t < 2 * m; t += 2) {
    const q = nxt[t];
    const p = h[RADIX + (q >>> BITS)]++;
    keys[p] = q;
    order[p] = nxt[t + 1];
  }
  for (let s = 0; s < m;) {
    let e = s + 1;
    const q = keys[s];
    while (e < m && keys[e] === q) e++;
    if (e - s > 1 && !finishRun(values, order, lows, s, e)) return undefined;
    s = e;
  }
  return { order, keys, lows };
}

/** What scanValues found: the finite values' count and range, and how many runs of equal neighbours. */
const scan = { m: 0, min: 0, max: 0, runs: 0 };

/** One pass over the values: fills `scan`. */
function scanValues(values: ArrayLike<number>): void {
  const n = values.length;
  let mn = Infinity;
  let mx = -Infinity;
  let m = 0;
  let runs = 0;
  let prev = NaN;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN and ±Infinity
    if (v < mn) mn = v;
    if (v > mx) mx = v;
    if (v !== prev) runs++;
    prev = v;
    m++;
  }
  scan.m = m;
  scan.min = mn;
  scan.max = mx;
  scan.runs = runs;
}

/**
 * The first half of the fixed-point sort: keys q of the finite values and their index, sorted by
 * the low digit into pairB, the high digit's bucket starts in hist[RADIX…]. Returns how many values
 * are finite, or 0 when the fixed-point way does not apply (see argsort).
 */
function fixedLowPass(values: ArrayLike<number>, scanned = false): number {
  const n = values.length;
  if (n > FIXED_MAX) return 0;
  if (!scanned) scanValues(values);
  const { m, min: mn, max: mx } = scan;
  const scale = QMAX / (mx - mn);
  if (m < 2 || !(scale > 0 && scale < Infinity)) return 0;
  growPairs(n);
  const cur = pairA;
  const nxt = pairB;
  const h = hist;
  h.fill(0, 0, 2 * RADIX);
  for (let i = 0, j = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) continue;
    let q = ((v - mn) * scale) | 0; // monotone in v: a difference, a product, a truncation
    if (q > QMAX) q = QMAX;
    cur[j] = q;
    cur[j + 1] = i;
    j += 2;
    h[q & MASK]++;
    h[RADIX + (q >>> BITS)]++;
  }
  for (let d = 0, s0 = 0, s1 = 0; d < RADIX; d++) {
    const c0 = h[d];
    const c1 = h[RADIX + d];
    h[d] = s0;
    h[RADIX + d] = s1;
    s0 += c0;
    s1 += c1;
  }
  for (let t = 0; t < 2 * m; t += 2) {
    const q = cur[t];
    const p = 2 * h[q & MASK]++;
    nxt[p] = q;
    nxt[p + 1] = cur[t + 1];
  }
  return m;
}

const lastKey = new Uint32Array(RADIX);
let tieMark = new Uint8Array(0);

/**
 * mapRanked's fixed-point path: the sort's last pass marks the positions whose key equals the one
 * before (equal keys arrive one after another in their bucket) instead of writing the keys; one
 * walk in sorted order then writes out[i] = table[2 (position + 1)] (the rank) where no other value
 * shares the key, and gives each marked run its averaged ranks, reading each of its values once
 * (columns of district-level data are nearly all ties). `tableFor(m)`: the rank table for m finite
 * values; missing values get NaN. false (out partly written) when the fixed-point way does not apply.
 */
export function fixedPointRanks(
  values: ArrayLike<number>,
  out: Float64Array,
  tableFor: (m: number) => Float64Array,
): boolean {
  scanValues(values);
  if (scan.m >= 2 && scan.runs * RUN_SHARE <= scan.m && rankByRuns(values, out, tableFor, scan.m)) return true;
  const m = fixedLowPass(values, true);
  if (m === 0) return false;
  const table = tableFor(m);
  if (m < values.length) out.fill(NaN); // the finite values are written over
  const nxt = pairB;
  const h = hist;
  const order = scratchOrder(m);
  if (tieMark.length < m + 1) tieMark = new Uint8Array(values.length + 1);
  const mark = tieMark; // all 0 between calls
  const last = lastKey.fill(0xffffffff); // no key is 2³² − 1
  for (let t = 0; t < 2 * m; t += 2) {
    const q = nxt[t];
    const b = q >>> BITS;
    const p = h[RADIX + b]++;
    order[p] = nxt[t + 1];
    if (last[b] === q) mark[p] = 1;
    last[b] = q;
  }
  let ok = true;
  for (let p = 0; p < m;) {
    if (!mark[p + 1]) {
      out[order[p]] = table[2 * p + 2];
      p++;
      continue;
    }
    let e = p + 2;
    while (mark[e]) e++;
    for (let k = p + 1; k < e; k++) mark[k] = 0;
    if (ok && !averageSortedRun(values, order, out, table, p, e)) {
      ok = sortRunByValue(values, order, p, e);
      if (ok) averageSortedRun(values, order, out, table, p, e);
    }
    p = e;
  }
  return ok;
}

/** The run way of fixedPointRanks applies when there are at most 1/RUN_SHARE as many runs as values. */
const RUN_SHARE = 8;
let runStart = new Uint32Array(0);
let runLen = new Uint32Array(0);
let runVal = new Float64Array(0);

/**
 * fixedPointRanks for columns made of runs of equal neighbours (district-level data in area order:
 * 40 areas a run on the bundle's): the runs' values are sorted (argsort, ~1/40 of the work), each
 * distinct value's averaged rank is found from the runs' lengths, and the runs are filled in input
 * order. Missing values get NaN. false when there are more runs than 1/RUN_SHARE of the values.
 */
function rankByRuns(
  values: ArrayLike<number>,
  out: Float64Array,
  tableFor: (m: number) => Float64Array,
  m: number,
): boolean {
  const n = values.length;
  const cap = Math.floor(m / RUN_SHARE) + 1;
  if (runStart.length < cap) {
    runStart = new Uint32Array(cap);
    runLen = new Uint32Array(cap);
    runVal = new Float64Array(cap);
  }
  let r = 0;
  let prev = NaN;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) {
      out[i] = NaN;
      prev = NaN; // a missing value ends a run
    } else if (v === prev) runLen[r - 1]++;
    else {
      if (r === cap) return false;
      runStart[r] = i;
      runLen[r] = 1;
      runVal[r] = prev = v;
      r++;
    }
  }
  const table = tableFor(m);
  const order = argsort(runVal.subarray(0, r)); // equal values' runs in input order
  for (let k = 0, c = 0; k < r;) {
    const v = runVal[order[k]];
    let e = k;
    let count = 0;
    for (; e < r && runVal[order[e]] === v; e++) count += runLen[order[e]];
    const x = table[2 * c + count + 1]; // 2 × the average of the ranks c + 1 … c + count
    for (let t = k; t < e; t++) {
      const s = runStart[order[t]];
      const end = s + runLen[order[t]];
      for (let i = s; i < end; i++) out[i] = x;
    }
    c += count;
    k = e;
  }
  return true;
}

/**
 * Equal values of the run order[s..e) get table[a + 1 + b], their averaged rank (positions a..b),
 * in one pass; false (the run partly written) when the run is not in ascending order of value.
 */
function averageSortedRun(
  values: ArrayLike<number>,
  order: Uint32Array,
  out: Float64Array,
  table: Float64Array,
  s: number,
  e: number,
): boolean {
  let a = s;
  let prev = values[order[s]];
  for (let k = s + 1; k <= e; k++) {
    const v = k < e ? values[order[k]] : NaN;
    if (v === prev) continue;
    if (v < prev) return false;
    const x = table[a + 1 + k];
    for (let t = a; t < k; t++) out[order[t]] = x;
    a = k;
    prev = v;
  }
  return true;
}

/**
 * A run order[s..e) of equal fixed-point keys, indices ascending: sorted by value (insertion sort,
 * stable, so ties stay in index order) unless already in order, then lows numbered by distinct
 * value. false (nothing decided) when it needs sorting and is longer than LONG_RUN.
 */
function finishRun(values: ArrayLike<number>, order: Uint32Array, lows: Uint32Array, s: number, e: number): boolean {
  if (!sortRunByValue(values, order, s, e)) return false;
  let c = 0;
  lows[s] = 0;
  for (let k = s + 1; k < e; k++) {
    if (values[order[k]] !== values[order[k - 1]]) c++;
    lows[k] = c;
  }
  return true;
}

/** order[s..e) sorted by value (stable insertion sort) unless already; false when too long to. */
function sortRunByValue(values: ArrayLike<number>, order: Uint32Array, s: number, e: number): boolean {
  let sorted = true;
  for (let k = s + 1; k < e && sorted; k++) sorted = !(values[order[k]] < values[order[k - 1]]);
  if (sorted) return true;
  if (e - s > LONG_RUN) return false;
  for (let k = s + 1; k < e; k++) {
    const o = order[k];
    const v = values[o];
    let j = k - 1;
    while (j >= s && values[order[j]] > v) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = o;
  }
  return true;
}

/** Fresh keys and lows, or (scratch) views of the reused buffers, lows cleared. */
function keyArrays(m: number, n: number, scratch: boolean): { keys: Uint32Array; lows: Uint32Array } {
  if (!scratch) return { keys: new Uint32Array(m), lows: new Uint32Array(m) };
  if (keyBuf.length < m) {
    keyBuf = new Uint32Array(n);
    lowBuf = new Uint32Array(n);
  }
  return { keys: keyBuf.subarray(0, m), lows: lowBuf.subarray(0, m).fill(0) };
}

/**
 * The IEEE-bits sort of argsortKeys: keys[k] the order-preserving high word of the bit pattern,
 * lows[k] its low word where a neighbour shares the high word (0 elsewhere, where it decides
 * nothing). Any finite values.
 */
export function floatBitsKeys(values: ArrayLike<number>, scratch = false, orderInto?: Uint32Array): SortedKeys {
  const n = values.length;
  growPairs(n);
  const h = hist;
  let cur = pairA;
  let nxt = pairB;
  h.fill(0);
  // both 32-bit words straight from the buffer when the input is an aligned Float64Array
  const words =
    values instanceof Float64Array && values.byteOffset % 4 === 0
      ? new Uint32Array(values.buffer, values.byteOffset, 2 * n)
      : undefined;
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN and ±Infinity
    let hi: number;
    if (v === 0)
      hi = 0; // −0 sorts with +0
    else if (words) hi = words[2 * i + HI];
    else {
      f64[0] = v;
      hi = u32[HI];
    }
    // negative: flip every bit; positive: flip the sign bit (the IEEE order made unsigned)
    const neg = hi & 0x80000000;
    const k = neg ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
    cur[2 * m] = k;
    cur[2 * m + 1] = i;
    h[k & MASK]++;
    h[RADIX + ((k >>> BITS) & MASK)]++;
    h[2 * RADIX + (k >>> (2 * BITS))]++;
    m++;
  }
  const passes: number[] = [];
  for (let pass = 0; pass < PASSES && m > 0; pass++) {
    if (h[pass * RADIX + digit(cur[0], pass)] !== m) passes.push(pass); // else every key shares it
  }
  const order = orderArray(m, orderInto);
  const { keys, lows } = keyArrays(m, n, scratch);
  for (let t = 0; t < passes.length; t++) {
    const pass = passes[t];
    const base = pass * RADIX;
    let sum = 0;
    for (let d = base; d < base + RADIX; d++) {
      const c = h[d];
      h[d] = sum;
      sum += c;
    }
    const shift = pass * BITS;
    if (t < passes.length - 1) {
      for (let j = 0; j < 2 * m; j += 2) {
        const k = cur[j];
        const p = 2 * h[base + ((k >>> shift) & MASK)]++;
        nxt[p] = k;
        nxt[p + 1] = cur[j + 1];
      }
      const swap = cur;
      cur = nxt;
      nxt = swap;
    } else {
      // the last pass writes the results
      for (let j = 0; j < 2 * m; j += 2) {
        const k = cur[j];
        const p = h[base + ((k >>> shift) & MASK)]++;
        keys[p] = k;
        order[p] = cur[j + 1];
      }
    }
  }
  if (passes.length === 0) {
    for (let j = 0; j < m; j++) {
      keys[j] = cur[2 * j];
      order[j] = cur[2 * j + 1];
    }
  }
  // finish runs that share the high 32 bits (values within ~1e-6 relative of each other): only
  // their low words are read (lows stays 0 elsewhere, where the high words already differ)
  for (let s = 0; s < m;) {
    let e = s + 1;
    const k0 = keys[s];
    while (e < m && keys[e] === k0) e++;
    if (e - s > 1) {
      for (let t = s; t < e; t++) {
        const i = order[t];
        let lo: number;
        if (words) lo = words[2 * i + LO];
        else {
          f64[0] = values[i];
          lo = u32[LO];
        }
        const v = values[i];
        lows[t] = v === 0 ? 0 : v < 0 ? ~lo >>> 0 : lo;
      }
      sortRun(order, lows, s, e);
    }
    s = e;
  }
  return { order, keys, lows };
}

/** Digit `pass` (0 = lowest) of a key. */
function digit(key: number, pass: number): number {
  return (key >>> (pass * BITS)) & MASK;
}

/** Sorts order[s..e) and low[s..e) together by (low, index); indices arrive ascending (stable passes). */
function sortRun(order: Uint32Array, low: Uint32Array, s: number, e: number): void {
  let sorted = true;
  for (let k = s + 1; k < e && sorted; k++) sorted = low[k] >= low[k - 1];
  if (sorted) return; // equal or ascending low words: ties already in index order
  if (e - s <= 24) {
    // insertion sort by (low, index): runs are short (values within ~1e-6 relative)
    for (let k = s + 1; k < e; k++) {
      const o = order[k];
      const l = low[k];
      let j = k - 1;
      while (j >= s && (low[j] > l || (low[j] === l && order[j] > o))) {
        order[j + 1] = order[j];
        low[j + 1] = low[j];
        j--;
      }
      order[j + 1] = o;
      low[j + 1] = l;
    }
    return;
  }
  const run = Array.from({ length: e - s }, (_, k) => s + k);
  run.sort((a, b) => low[a] - low[b] || order[a] - order[b]);
  const o = run.map((k) => order[k]);
  const l = run.map((k) => low[k]);
  for (let k = 0; k < run.length; k++) {
    order[s + k] = o[k];
    low[s + k] = l[k];
  }
}
