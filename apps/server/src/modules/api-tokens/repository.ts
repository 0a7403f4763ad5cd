// 接口令牌 API tokens: every query on api_tokens, their service accounts and their use log.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';

export type TokenRecord = {
  id: string;
  name: string;
  hint: string;
  permissions: string[];
  orgUnitId: string;
  orgUnitName: string;
  expiresAt: Date;
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The federation (province to street) a token may be scoped to, if within the creator's subtree. */
export async function federationUnitWithin(
  db: DbOrTx,
  actor: Pick<Actor, 'orgPath'>,
  orgUnitId: string,
): Promise<{ id: string; kind: string } | undefined> {
  const { rows } = await db.execute<{ id: string; kind: string }>(
    sql`SELECT id, kind FROM org_units WHERE id = ${orgUnitId} AND path LIKE ${actor.orgPath + '%'}`,
  );
  return rows[0];
}

/** The token's own account (disabled: it never signs in; it names the token in what it writes). */
export async function insertServiceAccount(
  tx: Tx,
  input: { tokenId: string; name: string; orgUnitId: string; at: Date },
): Promise<string> {
  const { rows } = await tx.execute<{ id: string }>(
    sql`INSERT INTO users (username, display_name, org_unit_id, roles, password_hash, must_change_password,
                           disabled, password_changed_at, created_at, updated_at)
        VALUES (${'api-token-' + input.tokenId}, ${input.name}, ${input.orgUnitId}, '{}', '!', false, true,
                ${input.at}, ${input.at}, ${input.at})
        RETURNING id`,
  );
  return rows[0]!.id;
}

export async function insertToken(
  tx: Tx,
  input: {
    id: string;
    name: string;
    secretHash: string;
    hint: string;
    permissions: string[];
    orgUnitId: string;
    accountId: string;
    expiresAt: Date;
    createdBy: string;
    at: Date;
  },
): Promise<void> {
  await tx.execute(
    sql`INSERT INTO api_tokens (id, name, secret_hash, hint, permissions, org_unit_id, account_id, expires_at,
                                created_by, created_at)
        VALUES (${input.id}, ${input.name}, ${input.secretHash}, ${input.hint},
                ${sql.param(input.permissions)}::text[], ${input.orgUnitId}, ${input.accountId},
                ${input.expiresAt}, ${input.createdBy}, ${input.at})`,
  );
}

const TOKEN_COLUMNS = sql`t.id, t.name, t.hint, t.permissions, t.org_unit_id AS "orgUnitId", o.name AS "orgUnitName",
  t.expires_at AS "expiresAt", t.created_at AS "createdAt", c.display_name AS "createdByName",
  t.last_used_at AS "lastUsedAt", t.revoked_at AS "revokedAt"`;

/** The tokens scoped to units in the actor's subtree, newest first. */
export async function listTokens(db: DbOrTx, actor: Pick<Actor, 'orgPath'>): Promise<TokenRecord[]> {
  const { rows } = await db.execute<TokenRecord>(
    sql`SELECT ${TOKEN_COLUMNS}
          FROM api_tokens t JOIN org_units o ON o.id = t.org_unit_id LEFT JOIN users c ON c.id = t.created_by
         WHERE o.path LIKE ${actor.orgPath + '%'}
         ORDER BY t.created_at DESC, t.id`,
  );
  return rows.map(dated);
}

function dated(row: TokenRecord): TokenRecord {
  const at = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    ...row,
    expiresAt: at(row.expiresAt)!,
    createdAt: at(row.createdAt)!,
    lastUsedAt: at(row.lastUsedAt),
    revokedAt: at(row.revokedAt),
  };
}

/** A token in the actor's subtree, locked for a change. */
export async function lockToken(
  tx: Tx,
  actor: Pick<Actor, 'orgPath'>,
  id: string,
): Promise<{ id: string; name: string; revokedAt: Date | null } | undefined> {
  const { rows } = await tx.execute<{ id: string; name: string; revokedAt: Date | null }>(
    sql`SELECT t.id, t.name, t.revoked_at AS "revokedAt"
          FROM api_tokens t JOIN org_units o ON o.id = t.org_unit_id
         WHERE t.id = ${id} AND o.path LIKE ${actor.orgPath + '%'}
           FOR UPDATE OF t`,
  );
  return rows[0];
}

export async function markRevoked(tx: Tx, id: string, by: string, at: Date): Promise<void> {
  await tx.execute(sql`UPDATE api_tokens SET revoked_at = ${at}, revoked_by = ${by} WHERE id = ${id}`);
}

export type TokenUseRecord = {
  tokenId: string;
  tokenName: string;
  at: Date;
  method: string;
  route: string;
  status: number;
  uses: number;
};

/** The latest uses of the tokens in the actor's subtree (or of one of them). */
export async function recentUses(
  db: DbOrTx,
  actor: Pick<Actor, 'orgPath'>,
  tokenId: string | undefined,
  limit: number,
): Promise<TokenUseRecord[]> {
  const { rows } = await db.execute<TokenUseRecord>(
    sql`SELECT u.token_id AS "tokenId", t.name AS "tokenName", u.at, u.method, u.route, u.status, u.uses
          FROM api_token_uses u JOIN api_tokens t ON t.id = u.token_id JOIN org_units o ON o.id = t.org_unit_id
         WHERE o.path LIKE ${actor.orgPath + '%'} ${tokenId ? sql`AND u.token_id = ${tokenId}` : sql``}
         ORDER BY u.at DESC, u.id DESC
         LIMIT ${limit}`,
  );
  return rows.map((row) => ({ ...row, at: new Date(row.at) }));
}
