// 金额 money: exact fen (分) everywhere. The database keeps bigint fen; the API and the pages speak yuan as
// decimal strings ("1234.50"). Never a floating-point number on the way: a thousand donations of 0.10 are
// exactly 100.00.

/** A yuan amount as people type it: digits, an optional point and at most two decimals; no sign. */
export const YUAN_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;

/** "1234.5" → 123450n. Throws on anything YUAN_PATTERN refuses. */
export function yuanToFen(yuan: string): bigint {
  if (!YUAN_PATTERN.test(yuan)) throw new Error(`not a yuan amount: ${yuan}`);
  const [whole, decimals = ''] = yuan.split('.');
  return BigInt(whole!) * 100n + BigInt(decimals.padEnd(2, '0'));
}

/** 123450n (or "123450", or 123450) → "1234.50": always two decimals, a minus sign when negative. */
export function fenToYuan(fen: bigint | string | number): string {
  const value = BigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** "1234567.50" → "1,234,567.50" (grouped for reading; the value is unchanged). */
export function groupedYuan(yuan: string): string {
  const [whole, decimals] = yuan.split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${decimals === undefined ? '' : `.${decimals}`}`;
}

/**
 * The way reports say an amount: under 10,000 yuan in 元, else in 万元 to two places, rounded half up on
 * the fen ("157.23万元"); exact integer arithmetic.
 */
export function yuanInWords(fen: bigint | string | number): string {
  const value = BigInt(fen);
  if (value < 1_000_000n) return `${fenToYuan(value)}元`;
  // 万元 to two decimals = fen ÷ 10,000 (to 0.01 万元 = 100 yuan), rounded half up.
  const hundreds = (value + 5_000n) / 10_000n;
  return `${hundreds / 100n}.${String(hundreds % 100n).padStart(2, '0')}万元`;
}
