// Text fields: every free-text input goes through these so that NUL bytes, other control characters
// and broken UTF-16 (lone surrogates) are refused with a clear message instead of reaching PostgreSQL.
import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextProblem = { code: 'CONTROL_CHARACTER' | 'INVALID_ENCODING'; message: string };

/** The one rule for text, bodies and query strings alike: what is wrong with it, or null. */
export const CONTROL_CHARACTER: TextProblem = {
  code: 'CONTROL_CHARACTER',
  message: '不能包含控制字符（如 NUL）',
};
/** Broken UTF-16 (a lone surrogate), or in a query string an escape that decodes to no valid UTF-8. */
export const INVALID_ENCODING: TextProblem = { code: 'INVALID_ENCODING', message: '包含无效的字符编码' };

export function textProblem(value: string): TextProblem | null {
  if (CONTROL.test(value)) return CONTROL_CHARACTER;
  if (LONE_SURROGATE.test(value)) return INVALID_ENCODING;
  return null;
}

function refineText(value: string, ctx: z.RefinementCtx): void {
  const problem = textProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
}

/** A single-line text of 1..max characters (after trimming). 4-byte characters such as 𠮷 are fine. */
export function line(max: number) {
  return z.string().trim().min(1).max(max).superRefine(refineText);
}

/** Like `line` but may be empty. */
export function optionalLine(max: number) {
  return z.string().trim().max(max).superRefine(refineText);
}

/** A secret (password): never trimmed, length-limited before anything expensive is done with it. */
export function secret(max = 128) {
  return z.string().min(1).max(max).superRefine(refineText);
}
