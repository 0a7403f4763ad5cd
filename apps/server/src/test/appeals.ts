// A test factory for 诉求 appeals written straight into the database, in any state and on any date (the API
// raises appeals only as submitted, today).
import { sql } from 'drizzle-orm';
import { shanghaiDay } from '../core/calendar/working-days.ts';
import { appeals } from '../db/schema/index.ts';
import type { TestApp } from './harness.ts';

let serial = 0;

export interface AppealSpec {
  enterpriseId: string;
  /** The enterprise's org unit unless given. */
  orgUnitId?: string;
  /** Unique; `SQTEST-<n>` unless given. */
  number?: string;
  category?: string;
  title?: string;
  description?: string;
  source?: 'visit' | 'survey' | 'chamber' | 'phone' | 'group_chat' | 'self_service';
  urgency?: 'normal' | 'urgent' | 'critical';
  state?: string;
  /** 非企业诉求 for an invalid appeal unless given. */
  invalidReason?: string | null;
  mergedIntoId?: string | null;
  /** The app's clock unless given. */
  receivedAt?: Date | string;
  /** The Shanghai day of `receivedAt` unless given. */
  receivedOn?: string;
  validatedAt?: Date | string | null;
  forwardedAt?: Date | string | null;
  respondedAt?: Date | string | null;
  respondDueAt?: Date | string | null;
  resolveDueAt?: Date | string | null;
  outcome?: 'resolved' | 'unsolvable' | null;
  answeredAt?: Date | string | null;
  overdue?: boolean;
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | null;
}

const instant = (value: Date | string | null | undefined) =>
  value === undefined || value === null ? null : new Date(value);

/** Inserts an appeal (by default a valid 招工 appeal received now); returns its id. */
export async function insertAppeal(t: TestApp, spec: AppealSpec): Promise<string> {
  const state = spec.state ?? 'valid';
  const receivedAt = new Date(spec.receivedAt ?? t.ctx.clock.now());
  const [row] = await t.database.db
    .insert(appeals)
    .values({
      number: spec.number ?? `SQTEST-${++serial}`,
      enterpriseId: spec.enterpriseId,
      orgUnitId: spec.orgUnitId ?? sql`(SELECT org_unit_id FROM enterprises WHERE id = ${spec.enterpriseId})`,
      categoryCode: spec.category ?? 'employment',
      title: spec.title ?? '测试诉求',
      description: spec.description ?? '测试诉求内容',
      source: spec.source ?? 'visit',
      urgency: spec.urgency ?? 'normal',
      state,
      invalidReason:
        spec.invalidReason === undefined ? (state === 'invalid' ? '非企业诉求' : null) : spec.invalidReason,
      mergedIntoId: spec.mergedIntoId ?? null,
      receivedAt,
      receivedOn: spec.receivedOn ?? shanghaiDay(receivedAt),
      validatedAt: instant(spec.validatedAt),
      forwardedAt: instant(spec.forwardedAt),
      respondedAt: instant(spec.respondedAt),
      respondDueAt: instant(spec.respondDueAt),
      resolveDueAt: instant(spec.resolveDueAt),
      outcome: spec.outcome ?? null,
      answeredAt: instant(spec.answeredAt),
      overdue: spec.overdue ?? false,
      satisfaction: spec.satisfaction ?? null,
    })
    .returning({ id: appeals.id });
  return row!.id;
}
