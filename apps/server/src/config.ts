// Configuration: every environment variable the server reads, parsed once, with defaults.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Config {
  /** Where the embedded PostgreSQL cluster, the audit key and logs live. */
  dataDir: string;
  /** An external PostgreSQL; when set the embedded server is not started. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** `on` seeds the demo federation on an empty database; `off` seeds only the three administrators. */
  demo: boolean;
  demoPassword: string | undefined;
  /** Marks the session cookie Secure; set when the platform is served over HTTPS. */
  secureCookies: boolean;
  /** Extra origins (besides the request's own host) whose state-changing requests are accepted. */
  trustedOrigins: string[];
  bodyLimitBytes: number;
  loginRateLimitPerMinute: number;
  /** Requests a minute one API token may make (then 429 API_TOKEN_RATE_LIMITED). */
  apiTokenRatePerMinute: number;
  auditKey: string | undefined;
  logLevel: string;
  /** Test mode lets tests set the clock; never on in production. */
  testMode: boolean;
  /** How many days after the federation confirms an appeal the enterprise may still reopen it. */
  appealReopenDays: number;
  /** Days after confirmation that an enterprise which has not rated is reminded, and its appeal closed 未评价办结. */
  ratingReminderDays: number;
  ratingCloseDays: number;
  /** How long an invitation to an enterprise's contact stays usable, and a password-reset link. */
  invitationDays: number;
  passwordResetHours: number;
  /** The largest appeal attachment accepted, in bytes. */
  attachmentMaxBytes: number;
  /** How often the in-app scheduler looks for due tasks; 0 switches the timer off. */
  schedulerTickMs: number;
  /** Outgoing mail (smtp://user:pass@host:port, smtps://…); unset: no email notifications. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** A 企业微信/钉钉 group robot every notification is also posted to. */
  webhookUrl: string | undefined;
  /** The platform's address as users reach it: links in emails and webhook messages are made absolute. */
  publicUrl: string | undefined;
  webDist: string;
  securityDefaults: {
    passwordMinLength: number;
    passwordRequireComplexity: boolean;
    passwordMaxAgeDays: number;
    adminPasswordMaxAgeDays: number;
    lockoutThreshold: number;
    lockoutMinutes: number;
    loginChallengeThreshold: number;
    sessionIdleMinutes: number;
    sessionAbsoluteHours: number;
  };
}

function int(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`配置错误：环境变量 ${name} 须为非负整数，当前为 "${raw}"`);
  }
  return value;
}

function bool(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new Error(`配置错误：环境变量 ${name} 须为 on/off，当前为 "${env[name]}"`);
}

function url(name: string, protocols: string[], env: NodeJS.ProcessEnv): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !protocols.includes(parsed.protocol)) {
    throw new Error(`配置错误：环境变量 ${name} 须为 ${protocols.join(' 或 ')} 地址`);
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    dataDir: path.resolve(env.QINQING_DATA_DIR || path.join(repoRoot, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 3000, env),
    demo: bool('QINQING_DEMO', true, env),
    demoPassword: env.QINQING_DEMO_PASSWORD || undefined,
    secureCookies: bool('QINQING_SECURE_COOKIES', false, env),
    trustedOrigins: (env.QINQING_TRUSTED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    bodyLimitBytes: int('QINQING_BODY_LIMIT_BYTES', 1024 * 1024, env),
    loginRateLimitPerMinute: int('QINQING_LOGIN_RATE_LIMIT', 20, env),
    apiTokenRatePerMinute: int('QINQING_API_TOKEN_RATE_LIMIT', 600, env),
    auditKey: env.QINQING_AUDIT_KEY || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    testMode: env.NODE_ENV === 'test',
    appealReopenDays: int('QINQING_APPEAL_REOPEN_DAYS', 15, env),
    ratingReminderDays: int('QINQING_RATING_REMINDER_DAYS', 10, env),
    ratingCloseDays: int('QINQING_RATING_CLOSE_DAYS', 14, env),
    invitationDays: int('QINQING_INVITATION_DAYS', 30, env),
    passwordResetHours: int('QINQING_PASSWORD_RESET_HOURS', 72, env),
    attachmentMaxBytes: int('QINQING_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, env),
    schedulerTickMs: int('QINQING_SCHEDULER_TICK_MS', 30_000, env),
    smtpUrl: url('QINQING_SMTP_URL', ['smtp:', 'smtps:'], env),
    smtpFrom: env.QINQING_SMTP_FROM || '亲清平台 <noreply@localhost>',
    webhookUrl: url('QINQING_WEBHOOK_URL', ['http:', 'https:'], env),
    publicUrl: url('QINQING_PUBLIC_URL', ['http:', 'https:'], env)?.replace(/\/+$/, ''),
    // Where the built web app is served from; a separate build (a parallel browser test run) may point elsewhere.
    webDist: env.QINQING_WEB_DIST ? path.resolve(env.QINQING_WEB_DIST) : path.join(repoRoot, 'apps/web/dist'),
    securityDefaults: {
      passwordMinLength: int('QINQING_PASSWORD_MIN_LENGTH', 12, env),
      passwordRequireComplexity: bool('QINQING_PASSWORD_COMPLEXITY', true, env),
      passwordMaxAgeDays: int('QINQING_PASSWORD_MAX_AGE_DAYS', 0, env),
      adminPasswordMaxAgeDays: int('QINQING_ADMIN_PASSWORD_MAX_AGE_DAYS', 90, env),
      lockoutThreshold: int('QINQING_LOCKOUT_THRESHOLD', 5, env),
      lockoutMinutes: int('QINQING_LOCKOUT_MINUTES', 15, env),
      loginChallengeThreshold: int('QINQING_LOGIN_CHALLENGE_THRESHOLD', 3, env),
      sessionIdleMinutes: int('QINQING_SESSION_IDLE_MINUTES', 30, env),
      sessionAbsoluteHours: int('QINQING_SESSION_ABSOLUTE_HOURS', 12, env),
    },
  };
}
