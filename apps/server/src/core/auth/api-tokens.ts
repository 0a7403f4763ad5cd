// 接口令牌 API tokens at the door: `Authorization: Bearer <secret>` turns into an actor (federation staff of
// the token's org unit, holding only the token's permissions), limited in rate per token, every use logged.
import { createHash, randomBytes } from 'node:crypto';
import { API_TOKEN_PREFIX, type ErrorCode, type Permission } from '@qinqing/shared';
import type pg from 'pg';
import type { Actor } from './sessions.ts';

export function hashApiSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A new secret: the recognisable prefix and 256 random bits. */
export function newApiSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

const SECRET_SHAPE = new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{43}$`);

/** The bearer secret of a request, if it sent one (any Authorization: Bearer header counts as sent). */
export function bearerOf(header: string | undefined): string | undefined {
  if (!header || !/^bearer /i.test(header)) return undefined;
  return header.slice(7).trim();
}

interface TokenRow {
  id: string;
  name: string;
  permissions: string[];
  org_unit_id: string;
  path: string;
  account_id: string;
  expired: boolean;
  revoked: boolean;
}

// One indexed lookup, as a named statement (parsed once per connection), like the session's.
const LOAD_TOKEN = `
  SELECT t.id, t.name, t.permissions, t.org_unit_id, o.path, t.account_id,
         (t.expires_at <= $2) AS expired, (t.revoked_at IS NOT NULL) AS revoked
    FROM api_tokens t JOIN org_units o ON o.id = t.org_unit_id
   WHERE t.secret_hash = $1`;

export type TokenLookup = { actor: Actor; tokenId: string } | { refused: ErrorCode };

export async function loadApiToken(pool: pg.Pool, secret: string, now: Date): Promise<TokenLookup> {
  if (!SECRET_SHAPE.test(secret)) return { refused: 'API_TOKEN_INVALID' };
  const { rows } = await pool.query<TokenRow>({
    name: 'load-api-token',
    text: LOAD_TOKEN,
    values: [hashApiSecret(secret), now.toISOString()],
  });
  const row = rows[0];
  if (!row) return { refused: 'API_TOKEN_INVALID' };
  if (row.revoked) return { refused: 'API_TOKEN_REVOKED' };
  if (row.expired) return { refused: 'API_TOKEN_EXPIRED' };
  return {
    tokenId: row.id,
    actor: {
      sessionId: `api-token:${row.id}`,
      userId: row.account_id,
      username: `api-token:${row.name}`,
      displayName: row.name,
      // The row scope of federation staff over the token's org unit (subtree); what it may do is only
      // the token's permissions, which never include an administrator's (TOKEN_PERMISSIONS).
      roles: ['federation_staff'],
      permissions: new Set(row.permissions as Permission[]),
      orgUnitId: row.org_unit_id,
      orgPath: row.path,
      enterpriseId: null,
      mustChangePassword: false,
      apiTokenId: row.id,
    },
  };
}

/** Requests per token in fixed one-minute windows, in this process. */
export class TokenRateLimiter {
  private window = -1;
  private counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /** Counts one request; false when the token is over its limit in this minute. */
  take(tokenId: string, now: Date): boolean {
    const window = Math.floor(now.getTime() / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    const count = (this.counts.get(tokenId) ?? 0) + 1;
    this.counts.set(tokenId, count);
    return count <= this.perMinute;
  }

  /** Seconds until the next window. */
  retryAfter(now: Date): number {
    return 60 - Math.floor((now.getTime() % 60_000) / 1000);
  }
}

export interface TokenUse {
  tokenId: string;
  at: Date;
  method: string;
  route: string;
  status: number;
}

const FLUSH_AT = 1_000;
const FLUSH_AFTER_MS = 1_000;

/**
 * The use log, written in batches: a second or every thousand uses, one INSERT (and last_used_at), so a
 * token's request costs no write of its own. Within a batch the uses of one token in one second with the
 * same method, route and status are one row that counts them (`uses`); its time is the first of them.
 * Readers flush first, so what was answered is listed.
 */
export class TokenUseLog {
  private pending = new Map<string, TokenUse & { uses: number }>();
  private count = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly pool: pg.Pool,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(use: TokenUse): void {
    const key = `${use.tokenId} ${Math.floor(use.at.getTime() / 1000)} ${use.method} ${use.route} ${use.status}`;
    const same = this.pending.get(key);
    if (same) same.uses += 1;
    else this.pending.set(key, { ...use, uses: 1 });
    this.count += 1;
    if (this.count >= FLUSH_AT) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.count = 0;
    if (batch.length > 0) {
      this.writing = this.writing.then(() => this.write(batch)).catch(this.onError);
    }
    return this.writing;
  }

  private async write(batch: (TokenUse & { uses: number })[]): Promise<void> {
    await this.pool.query(
      `WITH uses AS (
         INSERT INTO api_token_uses (token_id, at, method, route, status, uses)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::int[])
         RETURNING token_id, at)
       UPDATE api_tokens t SET last_used_at = greatest(t.last_used_at, u.last)
         FROM (SELECT token_id, max(at) AS last FROM uses GROUP BY token_id) u
        WHERE t.id = u.token_id`,
      [
        batch.map((use) => use.tokenId),
        batch.map((use) => use.at.toISOString()),
        batch.map((use) => use.method),
        batch.map((use) => use.route),
        batch.map((use) => use.status),
        batch.map((use) => use.uses),
      ],
    );
  }
}
