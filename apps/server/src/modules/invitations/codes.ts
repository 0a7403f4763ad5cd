// One-time codes of invitations and password links: what a person types or scans, and the digest kept of it.
import { createHash, randomInt } from 'node:crypto';
import type { Config } from '../../config.ts';

/** No 0/O, 1/I/L, 5/S, 2/Z, U/V: a code read off a printed letter is typed without guessing. */
const ALPHABET = '346789ABCDEFGHJKMNPQRTWXY';
const CODE_LENGTH = 16;

/** 16 characters of a 25-letter alphabet: about 74 bits, far beyond guessing within an expiry. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Typed codes are forgiving of case, spaces and dashes. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

/** Only this digest is stored: a copy of the database admits nobody. */
export function hashCode(code: string): string {
  return createHash('sha256').update(normalizeCode(code)).digest('hex');
}

function origin(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

export function invitationLink(config: Config, code: string): string {
  return `${origin(config)}/invite/${code}`;
}

export function setPasswordLink(config: Config, code: string): string {
  return `${origin(config)}/set-password/${code}`;
}
