// One word per state: the vocabulary's own words are distinct, and no source file names a state with
// another state's word or with a word the vocabulary retired (appeal-words.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { APPEAL_ACTION_WORDS, APPEAL_STATE_WORDS, FORWARD_STATE_WORDS, type Word } from './appeal-words.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCANNED = ['apps/web/src', 'apps/server/src', 'packages/shared/src'];
/** Words that once named a state and name none now (a forward explained as unsolvable was 已解释). */
const RETIRED = ['已解释'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const states: [string, Word][] = [
  ...Object.entries<Word>(APPEAL_STATE_WORDS).map(([code, word]): [string, Word] => [`appeal ${code}`, word]),
  ...Object.entries<Word>(FORWARD_STATE_WORDS).map(([code, word]): [string, Word] => [
    `forward ${code}`,
    word,
  ]),
];

describe('the appeal vocabulary', () => {
  it('gives every state its own word, in each language', () => {
    for (const language of ['zh', 'en'] as const) {
      const seen = new Map<string, string>();
      for (const [state, word] of states) {
        const text = word[language].toLowerCase();
        assert.equal(seen.get(text), undefined, `${state} and ${seen.get(text)} are both ${text}`);
        seen.set(text, state);
      }
    }
  });

  it('gives every action its own past tense', () => {
    const seen = new Set<string>();
    for (const [action, words] of Object.entries(APPEAL_ACTION_WORDS)) {
      assert.ok(!seen.has(words.done.zh), `${action}: ${words.done.zh} twice`);
      seen.add(words.done.zh);
    }
  });

  it('is the only place that names a state: no other word for a state code anywhere', () => {
    const stateWords = new Set(states.map(([, word]) => word.zh));
    const wordsOf = (code: string) =>
      [APPEAL_STATE_WORDS, FORWARD_STATE_WORDS].flatMap((table) =>
        code in table ? [(table as Record<string, Word>)[code]!.zh] : [],
      );
    const problems: string[] = [];
    for (const dir of SCANNED) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        if (file.endsWith('appeal-words.ts')) continue;
        const text = readFileSync(file, 'utf8');
        const where = relative(ROOT, file);
        // `resolved: '已办结'`: a state's code given a word, that word must be the code's own.
        for (const [, code, word] of text.matchAll(/\b(\w+): ['"`]([^'"`\n]+)['"`]/g)) {
          const own = wordsOf(code!);
          if (own.length > 0 && stateWords.has(word!) && !own.includes(word!)) {
            problems.push(`${where}: ${code} is called ${word}, the word of another state`);
          }
        }
        for (const retired of RETIRED) {
          if (new RegExp(`['"\`]${retired}['"\`]`).test(text))
            problems.push(`${where}: retired word ${retired}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
