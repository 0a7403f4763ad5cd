// The services every module is given: configuration, database, clock, audit log, security settings,
// the working-day calendar, the scheduler and the measures registry.
import type { Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { WorkingCalendar } from './calendar/working-calendar.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { TokenRateLimiter, TokenUseLog } from './auth/api-tokens.ts';
import type { SecuritySettingsStore } from './auth/security-settings.ts';
import type { AdjustableClock } from './clock.ts';
import type { MeasureRegistry } from './measures/registry.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import type { SmsGateway } from './sms/gateway.ts';

export interface AppContext {
  config: Config;
  database: Database;
  clock: AdjustableClock;
  audit: AuditLog;
  security: SecuritySettingsStore;
  /** 工作日历: working-day arithmetic for deadlines (loaded at start, reloaded on change). */
  calendar: WorkingCalendar;
  /** Tasks run every interval, once across app instances; main.ts starts its timer. */
  scheduler: Scheduler;
  /** 指标 every figure's one definition: the dashboard, reports and ledgers read their numbers here. */
  measures: MeasureRegistry;
  /** 接口令牌: requests per token and minute, and the log of every use (written in batches). */
  apiTokens: { limiter: TokenRateLimiter; uses: TokenUseLog };
  /** 短信网关 the SMS gateway for sign-in codes, when QINQING_SMS_URL configures one. */
  sms: SmsGateway | undefined;
}
