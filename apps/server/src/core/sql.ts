// SQL text helpers shared by every repository.

/** `text` as a LIKE pattern matching itself: backslash, % and _ escaped (PostgreSQL's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
