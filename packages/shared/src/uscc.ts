// 统一社会信用代码 unified social credit code (GB 32100-2015): 18 characters, the last a check character.
// Full-width characters, lowercase and spaces are normalised before checking.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Folds full-width letters and digits to ASCII, drops all white space, upper-cases. */
export function normalizeUscc(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or null when there are not exactly 17 or one is not allowed. */
export function usccCheckCharacter(first17: string): string | null {
  // Without this a short input would count each missing character as 0 ('' is found at index 0).
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARSET[check] ?? null;
}

export type UsccProblem = 'USCC_LENGTH' | 'USCC_CHARACTERS' | 'USCC_INVALID';

/** Why a (normalised) code is not valid, or null when it is. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'USCC_LENGTH';
  if (![...code].every((ch) => CHARSET.includes(ch))) return 'USCC_CHARACTERS';
  return usccCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'USCC_INVALID';
}
