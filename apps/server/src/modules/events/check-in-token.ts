// 签到二维码 the check-in token of an event session: `<session id>.<expiry, unix seconds>.<HMAC-SHA256>`,
// signed with a key derived from the deployment's audit key (shared by every node, never stored with the
// data). It admits check-in to its own session only, until it expires; anything else is refused before a
// row is read or written.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../core/errors.ts';

/** How long a code shown on the screen stays valid; the event page fetches a new one well before. */
export const CHECK_IN_TOKEN_MINUTES = 30;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The signing key: a sub-key of the audit key, so the audit key itself never signs anything public. */
export function checkInKey(auditKey: Buffer): Buffer {
  return createHmac('sha256', auditKey).update('qinqing/event-check-in/v1').digest();
}

const signatureOf = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64url');

export function signCheckInToken(
  key: Buffer,
  sessionId: string,
  expiresAt: Date,
): { token: string; expiresAt: Date } {
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  const payload = `${sessionId}.${seconds}`;
  return { token: `${payload}.${signatureOf(key, payload)}`, expiresAt: new Date(seconds * 1000) };
}

/** The session a token admits to: 401 CHECK_IN_TOKEN_INVALID when forged or malformed, _EXPIRED when past. */
export function verifyCheckInToken(
  key: Buffer,
  token: string,
  now: Date,
): { sessionId: string; expiresAt: Date } {
  const [sessionId, seconds, signature, ...rest] = token.split('.');
  if (
    rest.length > 0 ||
    !sessionId ||
    !UUID.test(sessionId) ||
    !/^\d{1,12}$/.test(seconds ?? '') ||
    !signature
  )
    throw new AppError('CHECK_IN_TOKEN_INVALID');
  const expected = Buffer.from(signatureOf(key, `${sessionId}.${seconds}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new AppError('CHECK_IN_TOKEN_INVALID');
  const expiresAt = new Date(Number(seconds) * 1000);
  if (expiresAt.getTime() <= now.getTime()) throw new AppError('CHECK_IN_TOKEN_EXPIRED');
  return { sessionId, expiresAt };
}
