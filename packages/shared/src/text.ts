// Text fields: every free-text input goes through these so that NUL bytes, other control characters
// and broken UTF-16 (lone surrogates) are refused with a clear message instead of reaching PostgreSQL.
import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function refineText(value: string, ctx: z.RefinementCtx): void {
  if (CONTROL.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: '不能包含控制字符（如 NUL）',
      params: { code: 'CONTROL_CHARACTER' },
    });
  } else if (LONE_SURROGATE.test(value)) {
    ctx.addIssue({ code: 'custom', message: '包含无效的字符编码', params: { code: 'INVALID_ENCODING' } });
  }
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
