// Security settings: password, lockout and session rules. Defaults come from the environment; the
// security administrator's changes are stored in `settings` and override them. Read often, so cached.
import { eq, sql } from 'drizzle-orm';
import { securitySettings, type SecuritySettings } from '@qinqing/shared';
import type { Db, DbOrTx } from '../../db/connection.ts';
import { settings } from '../../db/schema/index.ts';

const KEY = 'security';
const CACHE_MS = 10_000;

export class SecuritySettingsStore {
  private cached: { value: SecuritySettings; version: number; at: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly defaults: SecuritySettings,
  ) {}

  async get(): Promise<SecuritySettings> {
    return (await this.getWithVersion()).value;
  }

  async getWithVersion(): Promise<{ value: SecuritySettings; version: number }> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached;
    const [row] = await this.db.select().from(settings).where(eq(settings.key, KEY));
    const stored = securitySettings.partial().safeParse(row?.value ?? {});
    const value = { ...this.defaults, ...(stored.success ? stored.data : {}) };
    this.cached = { value, version: row?.version ?? 0, at: Date.now() };
    return this.cached;
  }

  /** Saves new settings; returns false when `version` is stale. */
  async save(tx: DbOrTx, value: SecuritySettings, version: number): Promise<boolean> {
    const result = await tx.execute(sql`
      INSERT INTO settings (key, value, version) VALUES (${KEY}, ${JSON.stringify(value)}::jsonb, 1)
      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = settings.version + 1, updated_at = now()
      WHERE settings.version = ${version}`);
    this.cached = undefined;
    return (result.rowCount ?? 0) > 0;
  }
}
