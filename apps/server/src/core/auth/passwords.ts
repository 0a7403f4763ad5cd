// Passwords: argon2id hashing and the password policy (length, common passwords, complexity, lifetime).
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorDetail, SecuritySettings } from '@qinqing/shared';

/**
 * argon2id with OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane (about 20 ms here).
 * `algorithm: 2` is Argon2id (the package's enum is a const enum, not importable under isolatedModules).
 */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so an unknown username is not told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('qinqing-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

const commonPasswords = new Set(
  fs
    .readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'common-passwords.txt'), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#')),
);

function isSequential(text: string): boolean {
  if (text.length < 6) return false;
  const codes = [...text].map((ch) => ch.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  return Math.abs(step) <= 1 && codes.every((code, i) => i === 0 || code - (codes[i - 1] ?? 0) === step);
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower) || isSequential(lower)) return true;
  // "Password2024!" is "password" with decoration: strip digits and symbols from both ends.
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  return core.length >= 4 && commonPasswords.has(core);
}

function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

type PasswordPolicy = Pick<SecuritySettings, 'passwordMinLength' | 'passwordRequireComplexity'>;

/** The policy's verdict on a new password, as field-level details for `path` (empty when it passes). */
export function checkPasswordPolicy(
  password: string,
  policy: PasswordPolicy,
  context: { username?: string; path?: string } = {},
): ErrorDetail[] {
  const at = context.path ?? 'newPassword';
  const length = [...password].length;
  if (length < policy.passwordMinLength) {
    return [
      { path: at, code: 'PASSWORD_TOO_SHORT', message: `密码至少需要 ${policy.passwordMinLength} 个字符` },
    ];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [{ path: at, code: 'PASSWORD_TOO_LONG', message: `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符` }];
  }
  const details: ErrorDetail[] = [];
  if (isCommon(password) || new Set(password).size <= 2) {
    details.push({
      path: at,
      code: 'PASSWORD_TOO_COMMON',
      message: '密码过于常见或简单，请换一个不易被猜到的密码',
    });
  }
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) {
    details.push({ path: at, code: 'PASSWORD_CONTAINS_USERNAME', message: '密码不能包含用户名' });
  }
  if (policy.passwordRequireComplexity && characterClasses(password) < 3) {
    details.push({
      path: at,
      code: 'PASSWORD_TOO_SIMPLE',
      message: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
    });
  }
  return details;
}

type PasswordLifetime = Pick<SecuritySettings, 'passwordMaxAgeDays' | 'adminPasswordMaxAgeDays'>;

/**
 * The instant a password changed at or before has expired, for an administrator account or another
 * (undefined: never). An administrator's lifetime is the shorter of the two settings that are on.
 */
export function passwordAgeCutoff(policy: PasswordLifetime, admin: boolean, now: Date): Date | undefined {
  const lifetimes = [policy.passwordMaxAgeDays, admin ? policy.adminPasswordMaxAgeDays : 0].filter(
    (days) => days > 0,
  );
  if (lifetimes.length === 0) return undefined;
  return new Date(now.getTime() - Math.min(...lifetimes) * 86_400_000);
}

const LOWER = 'abcdefghjkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/**
 * A readable random password that meets the default policy: 17 characters in three groups joined by
 * hyphens, with at least one lower-case letter, one capital and one digit (four classes with the hyphens).
 */
export function generatePassword(): string {
  const alphabet = LOWER + UPPER + DIGITS;
  const bytes = randomBytes(18);
  const chars = [...bytes.subarray(0, 15)].map((b) => alphabet[b % alphabet.length]!);
  // Three positions, one per class, overwritten so that no class is left out by chance.
  chars[bytes[15]! % 5] = LOWER[bytes[15]! % LOWER.length]!;
  chars[5 + (bytes[16]! % 5)] = UPPER[bytes[16]! % UPPER.length]!;
  chars[10 + (bytes[17]! % 5)] = DIGITS[bytes[17]! % DIGITS.length]!;
  const body = chars.join('');
  return `${body.slice(0, 5)}-${body.slice(5, 10)}-${body.slice(10, 15)}`;
}
