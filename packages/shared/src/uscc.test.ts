// Unit tests of the unified social credit code (统一社会信用代码, GB 32100-2015) helpers. Expected check
// characters were computed independently from the standard's algorithm: weights 3^i mod 31, charset without
// I, O, S, V, Z, check = (31 - Σ w·v mod 31) mod 31.
/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeUscc, usccCheckCharacter, usccProblem } from './uscc.ts';

/** A published example of a valid code (Fujian): its check character is 3. */
const PUBLISHED = '91350100M000100Y43';

describe('normalizeUscc', () => {
  it('folds full-width letters and digits to ASCII', () => {
    assert.equal(normalizeUscc('９１３５０１００Ｍ０００１００Ｙ４３'), PUBLISHED);
  });

  it('upper-cases lowercase letters, half- and full-width', () => {
    assert.equal(normalizeUscc('91350100m000100y43'), PUBLISHED);
    assert.equal(normalizeUscc('91350100ｍ000100ｙ43'), PUBLISHED);
  });

  it('drops spaces, tabs, line breaks and the ideographic space', () => {
    assert.equal(normalizeUscc(' 9135 0100\tM000\n100Y43\u3000'), PUBLISHED);
  });

  it('leaves an already normal code alone', () => {
    assert.equal(normalizeUscc(PUBLISHED), PUBLISHED);
  });
});

describe('usccCheckCharacter', () => {
  it('computes the check character of the published example', () => {
    assert.equal(usccCheckCharacter(PUBLISHED.slice(0, 17)), '3');
  });

  it('maps check value 0 to "0" and 30 to "Y" (both ends of the charset)', () => {
    assert.equal(usccCheckCharacter('00000000000000000'), '0');
    assert.equal(usccCheckCharacter('91350100M0001001P'), '0');
    assert.equal(usccCheckCharacter('91350100M0001000P'), 'Y');
    assert.equal(usccCheckCharacter('91350100M00010012'), 'Y');
  });

  it('is null when a character is outside the charset', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', 'a', '-', '中']) {
      assert.equal(usccCheckCharacter(`91350100M000100${bad}4`), null, bad);
    }
  });

  it('is null unless given exactly 17 characters (a missing character is not a 0)', () => {
    assert.equal(usccCheckCharacter(''), null);
    assert.equal(usccCheckCharacter('91350100M000100Y'), null);
    assert.equal(usccCheckCharacter(PUBLISHED), null);
  });
});

describe('usccProblem', () => {
  it('accepts valid codes', () => {
    assert.equal(usccProblem(PUBLISHED), null);
    assert.equal(usccProblem('91350100M0001001P0'), null);
    assert.equal(usccProblem('91350100M0001000PY'), null);
  });

  it('USCC_LENGTH for anything but 18 characters', () => {
    assert.equal(usccProblem(''), 'USCC_LENGTH');
    assert.equal(usccProblem(PUBLISHED.slice(0, 17)), 'USCC_LENGTH');
    assert.equal(usccProblem(`${PUBLISHED}0`), 'USCC_LENGTH');
  });

  it('USCC_CHARACTERS for I, O, S, V, Z, lowercase and other characters', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', 'y', ' ', '*']) {
      assert.equal(usccProblem(`91350100M000100${bad}43`), 'USCC_CHARACTERS', JSON.stringify(bad));
    }
    assert.equal(usccProblem('91350100M000100Y4O'), 'USCC_CHARACTERS', 'O as the check character');
  });

  it('USCC_INVALID when the check character does not match', () => {
    assert.equal(usccProblem('91350100M000100Y44'), 'USCC_INVALID');
    // One digit changed in the body, check character kept.
    assert.equal(usccProblem('91350100M000200Y43'), 'USCC_INVALID');
    // Two adjacent characters swapped.
    assert.equal(usccProblem('93150100M000100Y43'), 'USCC_INVALID');
  });

  it('accepts a full-width, lowercase, spaced code once normalised, not before', () => {
    const raw = '９１３５ ０１００ ｍ０００ １００ｙ ４３';
    assert.equal(usccProblem(raw), 'USCC_LENGTH');
    assert.equal(usccProblem(normalizeUscc(raw)), null);
  });
});
