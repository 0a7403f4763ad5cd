// The services every module is given: configuration, database, clock, audit log, security settings.
import type { Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { SecuritySettingsStore } from './auth/security-settings.ts';
import type { AdjustableClock } from './clock.ts';

export interface AppContext {
  config: Config;
  database: Database;
  clock: AdjustableClock;
  audit: AuditLog;
  security: SecuritySettingsStore;
}
