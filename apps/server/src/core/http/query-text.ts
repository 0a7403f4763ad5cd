// 查询参数的文本规则 the text rule of query strings: every parameter of every API route is held to the rule
// bodies' text fields follow (`textProblem` in packages/shared/src/text.ts, decision 0002) before its
// route's schema sees it — NUL and other control characters, and escapes that decode to no valid UTF-8
// (a lone surrogate's %ED%A0%80, a stray %FF), are 400 VALIDATION_FAILED naming `querystring.<name>`, so no
// route, old or new, can hand them to PostgreSQL.
import { INVALID_ENCODING, textProblem, type ErrorDetail } from '@qinqing/shared';
import { AppError } from '../errors.ts';

/** Runs of percent escapes decoded; undefined when one of them is not UTF-8. */
function decodeQueryPart(raw: string): string | undefined {
  let broken = false;
  const text = raw.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      broken = true;
      return '';
    }
  });
  return broken ? undefined : text;
}

/** The problems of a request's query string, one per parameter at most. */
export function queryTextProblems(url: string): ErrorDetail[] {
  const start = url.indexOf('?');
  if (start < 0) return [];
  const details: ErrorDetail[] = [];
  const named = new Set<string>();
  for (const pair of url.slice(start + 1).split('&')) {
    if (pair === '') continue;
    const split = pair.indexOf('=');
    const rawName = split < 0 ? pair : pair.slice(0, split);
    const name = decodeQueryPart(rawName) ?? rawName;
    if (named.has(name)) continue;
    const value = decodeQueryPart(split < 0 ? '' : pair.slice(split + 1));
    const problem =
      value === undefined || decodeQueryPart(rawName) === undefined
        ? INVALID_ENCODING
        : (textProblem(name) ?? textProblem(value));
    if (problem) {
      named.add(name);
      details.push({ path: `querystring.${name}`, code: problem.code, message: problem.message });
    }
  }
  return details;
}

/** Throws 400 VALIDATION_FAILED when a query parameter breaks the text rule. */
export function checkQueryText(url: string): void {
  const details = queryTextProblems(url);
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}
