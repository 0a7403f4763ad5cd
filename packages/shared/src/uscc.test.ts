// Unit tests of the unified social credit code (统一社会信用代码, GB 32100-2015) helpers. Expected check
// characters were computed independently from the standard's algorithm: weights 3^i mod 31, charset without
// I, O, S, V, Z, check = (31 - Σ w·v mod 31) mod 31.
/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  normalizeUscc,
  USCC_AUTHORITIES,
  usccCheckCharacter,
  usccInvalidPart,
  usccProblem,
  usccProblemMessage,
} from './uscc.ts';

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

  it('USCC_INVALID for eighteen zeros: its check character fits, its authority 0 is in no table', () => {
    const zeros = '0'.repeat(18);
    assert.equal(usccCheckCharacter(zeros.slice(0, 17)), '0');
    assert.equal(usccProblem(zeros), 'USCC_INVALID');
    assert.equal(usccInvalidPart(zeros), 'authority');
    assert.match(usccProblemMessage(zeros, 'USCC_INVALID'), /登记管理部门代码/);
  });

  it('USCC_INVALID for an authority outside GB 32100 or a type that authority does not register', () => {
    const withCheck = (first17: string) => first17 + usccCheckCharacter(first17);
    // 工商 registers 1 企业, 2 个体工商户, 3 农民专业合作社 — no 9 其他.
    for (const prefix of ['94', '99', '90', '14', '58', '5A', 'Y2', 'Y9', 'N4', 'A2', 'B1', 'X1', 'M1']) {
      const code = withCheck(`${prefix}350100M000100Y4`);
      assert.equal(usccProblem(code), 'USCC_INVALID', code);
      assert.notEqual(usccInvalidPart(code), 'check', code);
    }
    const wrongType = withCheck('94350100M000100Y4');
    assert.equal(usccInvalidPart(wrongType), 'type');
    assert.match(usccProblemMessage(wrongType, 'USCC_INVALID'), /机构类别代码）“4”不是工商登记的机构类别/);
  });

  it('accepts every authority and type of the table (e.g. 11, 13, 19, 51, 59, 91, 93, Y1)', () => {
    const pairs = Object.entries(USCC_AUTHORITIES).flatMap(([authority, { types }]) =>
      Object.keys(types).map((type) => authority + type),
    );
    for (const expected of [
      '11',
      '12',
      '13',
      '19',
      '35',
      '51',
      '52',
      '53',
      '59',
      '91',
      '92',
      '93',
      'A1',
      'N3',
      'Y1',
    ]) {
      assert.ok(pairs.includes(expected), expected);
    }
    for (const pair of pairs) {
      const first17 = `${pair}350100M000100Y4`;
      assert.equal(usccProblem(first17 + usccCheckCharacter(first17)), null, pair);
    }
  });
});
