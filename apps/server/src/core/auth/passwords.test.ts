// Unit tests of the password policy and hashing parameters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';

const policy = { passwordMinLength: 12, passwordRequireComplexity: false };
const codes = (password: string, p = policy, username?: string) =>
  checkPasswordPolicy(password, p, { username }).map((d) => d.code);

describe('password policy', () => {
  it('accepts a long, uncommon passphrase', () => {
    assert.deepEqual(codes('lantern harbour 1987'), []);
    assert.deepEqual(codes('长城脚下的老槐树今年又开花了'), []);
  });

  it('refuses short passwords, counting characters not bytes', () => {
    assert.deepEqual(codes('abc-12345'), ['PASSWORD_TOO_SHORT']);
    assert.deepEqual(codes('工商联密码很安全吗'), ['PASSWORD_TOO_SHORT']);
  });

  it('refuses passwords over 128 characters', () => {
    assert.deepEqual(codes('a1-'.repeat(50)), ['PASSWORD_TOO_LONG']);
  });

  it('refuses common passwords, decorated ones and trivial patterns', () => {
    for (const weak of [
      'password1234',
      'Password2024!!',
      '1qaz2wsx3edc',
      'woaini1314520',
      '111111111111',
      'abcdefghijklmn',
      'ababababababab',
    ]) {
      assert.deepEqual(codes(weak), ['PASSWORD_TOO_COMMON'], weak);
    }
  });

  it('refuses a password containing the username', () => {
    assert.deepEqual(codes('my-name-is-Zhangwei-ok', policy, 'zhangwei'), ['PASSWORD_CONTAINS_USERNAME']);
  });

  it('requires 3 of 4 character classes when complexity is switched on', () => {
    const strict = { passwordMinLength: 12, passwordRequireComplexity: true };
    assert.deepEqual(codes('lanternharbourfog', strict), ['PASSWORD_TOO_SIMPLE']);
    assert.deepEqual(codes('Lantern-harbour-fog', strict), []);
  });
});

describe('password hashing', () => {
  it('uses argon2id with the documented parameters and verifies', async () => {
    const hash = await hashPassword('lantern harbour 1987');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(hash, 'lantern harbour 1987'), true);
    assert.equal(await verifyPassword(hash, 'lantern harbour 1988'), false);
    assert.equal(await verifyPassword('not-a-hash', 'x'), false);
  });
});
