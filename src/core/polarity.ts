/** +1: a higher value means more need; −1: a higher value means less need (it is reversed). */
export type Polarity = 1 | -1;

/**
 * Step 5 (pointing in the same direction): multiply by the polarity so that a higher value always
 * means more need. Only the order matters for the rank-based step 6 that follows.
 */
export function applyPolarity(values: ArrayLike<number>, polarity: Polarity): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = polarity * values[i];
  return out;
}
