/**
 * Number formatting shared by the chat, the CLI and the document. Figures keep full precision
 * in the model; only printing rounds (domain §5: keep full precision, print 2 decimals).
 */

const EPS = 1e-9;

/** Round half away from zero to `digits`, robust to binary fractions such as 1.005. */
export function roundTo(x: number, digits = 2): number {
  const f = 10 ** digits;
  const r = Math.round(Math.abs(x) * f + EPS) / f;
  return x < 0 ? -r : r;
}

export function fixed2(x: number): string {
  const r = roundTo(x, 2);
  return (Object.is(r, -0) ? 0 : r).toFixed(2);
}

export const money = (x: number): string => `${fixed2(x)} 万元`;
export const percent = (x: number): string => `${fixed2(x)}%`;

/** A plain number without trailing zeros (counts, indicator values), at most 4 decimals. */
export function plain(x: number): string {
  return String(roundTo(x, 4));
}
