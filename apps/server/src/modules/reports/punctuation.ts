// 标点 joining the pieces of a report's sentences without doubling their punctuation (GB/T 15834-2011): a
// clause that brings its own end mark does not get another ("完毕。。", "完毕，。"), a note in brackets
// inside a sentence loses its own full stop ("（办理结果：已办理完毕）。", not "完毕。）。"), and a
// sentence that already ends with a question or exclamation mark or an ellipsis keeps it. Pure.

/** Marks that end a clause or a sentence; one of them at a join is enough. */
const END_MARKS = '。，；：、！？.,;:!?';
const TRAILING_MARKS = new RegExp(`[${END_MARKS}\\s]+$`, 'u');
/** A sentence may end with these and needs no full stop after them. */
const FINAL = /[！？!?…]$/u;

/** The text without the punctuation and spaces it ends with (an ellipsis is kept: it is part of the words). */
export function withoutEndMark(text: string): string {
  return text.replace(TRAILING_MARKS, '');
}

/** The text ended with one 。 — unless it ends with ！？ or an ellipsis; other marks at its end are replaced. */
export function endSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (FINAL.test(trimmed)) return trimmed;
  return `${withoutEndMark(trimmed)}。`;
}

/** Clauses joined by `separator` (，；、) into one sentence ended with 。; empty clauses left out. */
export function joinClauses(clauses: readonly string[], separator = '，'): string {
  const parts = clauses.map((clause) => withoutEndMark(clause.trim())).filter(Boolean);
  if (parts.length === 0) return '';
  return endSentence(parts.join(separator));
}

/** A note in brackets inside a sentence: （…）, its own end mark dropped (an ellipsis stays). */
export function bracketed(text: string): string {
  const inner = withoutEndMark(text.trim());
  return inner ? `（${inner}）` : '';
}

/**
 * Mends punctuation doubled where pieces of text met: 。。 → 。, ，。 / ；。 / 、。 → 。, 。， → ，, a full
 * stop before a closing bracket that a full stop follows (。）。 → ）。), and ？。 / ！。 → ？ / ！.
 */
export function tidyPunctuation(text: string): string {
  return text
    .replace(/[。，；：、]+(?=。)/gu, '')
    .replace(/。+/gu, '。')
    .replace(/。(?=[，；])/gu, '')
    .replace(/[。，；](?=[）」』”]+[。，；])/gu, '')
    .replace(/([！？])。/gu, '$1');
}
