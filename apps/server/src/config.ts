// Configuration: every environment variable the server reads, parsed once, with defaults.
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OutboundAllow } from './core/outbound/outbound.ts';
import { parseSmsUrl, type SmsGatewayConfig } from './core/sms/gateway.ts';

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
  /** Marks the session cookie Secure: on by itself when the public URL is https, else as configured. */
  secureCookies: boolean;
  /** Extra origins (besides the public URL's, or the request's own host) whose state-changing requests are accepted. */
  trustedOrigins: string[];
  /**
   * Fastify's trustProxy: which proxies' X-Forwarded-For/-Proto/-Host are believed (the client's address in
   * the audit log and the login limits). false: none; true: any; or the proxies' addresses and CIDRs.
   */
  trustProxy: boolean | string[];
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
  /** The SMS gateway for sign-in codes (QINQING_SMS_URL, core/sms); unset: sign-in by password only. */
  sms: SmsGatewayConfig | undefined;
  /** A 企业微信/钉钉 group robot every notification is also posted to. */
  webhookUrl: string | undefined;
  /**
   * Hosts and networks outbound targets (robot webhooks, SMTP) may be at although not public: loopback,
   * private, link-local and reserved addresses are refused unless named here (QINQING_OUTBOUND_ALLOW).
   */
  outboundAllow: OutboundAllow;
  /** The platform's address as users reach it: links in emails and webhook messages are made absolute. */
  publicUrl: string | undefined;
  webDist: string;
  /** Where the daily backup goes (npm run backup's default too); unset: no scheduled backups. */
  backupDir: string | undefined;
  /** Scheduled backups older than this many days are removed after each new one. */
  backupKeepDays: number;
  /** How long a background job stays with its node without a renewal (QINQING_JOB_LEASE_MS, 60 s). */
  jobLeaseMs: number;
  /** How often a node looks for jobs whose node died (QINQING_JOB_POLL_MS, 5 s). */
  jobPollMs: number;
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

function positiveInt(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const value = int(name, fallback, env);
  if (value === 0) throw new Error(`配置错误：环境变量 ${name} 须为正整数，当前为 "${env[name]}"`);
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

/** QINQING_TRUST_PROXY: off (default), on, or the proxies' addresses and CIDRs separated by commas. */
function trustProxy(env: NodeJS.ProcessEnv): Config['trustProxy'] {
  const raw = env.QINQING_TRUST_PROXY?.trim() ?? '';
  if (raw === '' || ['0', 'false', 'off', 'no'].includes(raw.toLowerCase())) return false;
  if (['true', 'on', 'yes'].includes(raw.toLowerCase())) return true;
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.some((entry) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry))) {
    throw new Error(
      `配置错误：环境变量 QINQING_TRUST_PROXY 须为 on/off 或以逗号分隔的代理地址（CIDR），当前为 "${raw}"`,
    );
  }
  return entries;
}

/**
 * QINQING_OUTBOUND_ALLOW: host names, addresses and CIDRs separated by commas or spaces (`smtp.intranet,
 * 10.1.2.0/24, 127.0.0.1`); empty: only public addresses are reached.
 */
function outboundAllow(env: NodeJS.ProcessEnv): OutboundAllow {
  const entries = (env.QINQING_OUTBOUND_ALLOW ?? '').split(/[\s,]+/).filter(Boolean);
  const hosts: string[] = [];
  const networks: OutboundAllow['networks'][number][] = [];
  for (const entry of entries) {
    const [address = '', prefixText, extra] = entry.replace(/^\[(.*)\]$/, '$1').split('/');
    const family = isIP(address);
    const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText);
    if (
      family !== 0 &&
      extra === undefined &&
      Number.isInteger(prefix) &&
      prefix >= 0 &&
      prefix <= (family === 4 ? 32 : 128)
    ) {
      networks.push({ address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' });
    } else if (
      prefixText === undefined &&
      /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(entry)
    ) {
      hosts.push(entry.toLowerCase());
    } else {
      throw new Error(
        `配置错误：环境变量 QINQING_OUTBOUND_ALLOW 须为以逗号分隔的主机名、IP 地址或 CIDR 网段，"${entry}" 不是`,
      );
    }
  }
  return { hosts, networks };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const publicUrl = url('QINQING_PUBLIC_URL', ['http:', 'https:'], env)?.replace(/\/+$/, '');
  return {
    dataDir: path.resolve(env.QINQING_DATA_DIR || path.join(repoRoot, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    host: env.HOST || '127.0.0.1',
    port: int('PORT', 3000, env),
    demo: bool('QINQING_DEMO', true, env),
    demoPassword: env.QINQING_DEMO_PASSWORD || undefined,
    // Served over https as users reach it: the cookie is Secure unless explicitly switched off.
    secureCookies: bool('QINQING_SECURE_COOKIES', publicUrl?.startsWith('https:') ?? false, env),
    trustedOrigins: (env.QINQING_TRUSTED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: trustProxy(env),
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
    sms: env.QINQING_SMS_URL ? parseSmsUrl(env.QINQING_SMS_URL) : undefined,
    webhookUrl: url('QINQING_WEBHOOK_URL', ['http:', 'https:'], env),
    outboundAllow: outboundAllow(env),
    publicUrl,
    // Where the built web app is served from; a separate build (a parallel browser test run) may point elsewhere.
    webDist: env.QINQING_WEB_DIST ? path.resolve(env.QINQING_WEB_DIST) : path.join(repoRoot, 'apps/web/dist'),
    backupDir: env.QINQING_BACKUP_DIR ? path.resolve(env.QINQING_BACKUP_DIR) : undefined,
    backupKeepDays: int('QINQING_BACKUP_KEEP_DAYS', 14, env),
    jobLeaseMs: positiveInt('QINQING_JOB_LEASE_MS', 60_000, env),
    jobPollMs: positiveInt('QINQING_JOB_POLL_MS', 5_000, env),
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
