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

  /** The cached settings while they are fresh, without a promise: every request's session check asks. */
  fresh(): SecuritySettings | undefined {
    return this.cached && Date.now() - this.cached.at < CACHE_MS ? this.cached.value : undefined;
  }

  async getWithVersion(): Promise<{ value: SecuritySettings; version: number }> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached;
    const [row] = await this.db.select().from(settings).where(eq(settings.key, KEY));
    const stored = securitySettings.partial().safeParse(row?.value ?? {});
    const value = { ...this.defaults, ...(stored.success ? stored.data : {}) };
    this.cached = { value, version: row?.version ?? 0, at: Date.now() };
    return this.cached;
  }

  /**
   * Saves new settings; returns false when `version` is stale (0 means "never saved": only the first save
   * may use it). Call `invalidate()` after the transaction commits.
   */
  async save(tx: DbOrTx, value: SecuritySettings, version: number): Promise<boolean> {
    const json = JSON.stringify(value);
    const result =
      version === 0
        ? await tx.execute(sql`
            INSERT INTO settings (key, value, version) VALUES (${KEY}, ${json}::jsonb, 1) ON CONFLICT (key) DO NOTHING`)
        : await tx.execute(sql`
            UPDATE settings SET value = ${json}::jsonb, version = version + 1, updated_at = now()
             WHERE key = ${KEY} AND version = ${version}`);
    return (result.rowCount ?? 0) > 0;
  }

  /** Drops the cached value so that the next read sees what was committed. */
  invalidate(): void {
    this.cached = undefined;
  }
}
