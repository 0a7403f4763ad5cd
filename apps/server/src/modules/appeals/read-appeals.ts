// Reading 诉求 appeals within the caller's scope: one appeal's page, the filtered list, the liaison's inbox.
import type {
  AppealListQuery,
  AppealSummary,
  AppealView,
  ForwardState,
  InboxItem,
  InboxQuery,
} from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { appealOverdue } from './overdue.ts';
import { presentAppeal, presentAppealSummary, presentInboxItem } from './present-appeal.ts';
import {
  attachmentsOf,
  currentForwardsOf,
  eventsOf,
  findAppeal,
  forwardsOf,
  listAppeals,
  listInbox,
} from './repository.ts';

/**
 * One appeal as the caller sees it. `justActed`: read back after the caller's own move, which may have taken
 * it out of their sight (a city department returning a district's appeal forwarded across levels).
 */
export async function getAppeal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  options: { justActed?: boolean } = {},
): Promise<AppealView> {
  const db = ctx.database.db;
  const appeal = await findAppeal(db, actor, id, { system: options.justActed === true });
  if (!appeal) throw notFound();
  const [forwards, events, attachments] = await Promise.all([
    forwardsOf(db, id),
    eventsOf(db, id),
    attachmentsOf(db, id),
  ]);
  return presentAppeal(ctx, actor, appeal, forwards, events, attachments);
}

export async function listAppealSummaries(
  ctx: AppContext,
  actor: Actor,
  query: AppealListQuery,
): Promise<{ items: AppealSummary[]; total: number }> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const { rows, total } = await listAppeals(db, actor, query, now);
  const forwards = await currentForwardsOf(
    db,
    rows.map((row) => row.id),
  );
  const byAppeal = new Map<string, typeof forwards>();
  for (const f of forwards) byAppeal.set(f.appealId, [...(byAppeal.get(f.appealId) ?? []), f]);
  const items = rows.map((row) => {
    const current = byAppeal.get(row.id) ?? [];
    const departments = current.map((f) => ({
      id: f.departmentId,
      name: f.departmentName,
      state: f.state as ForwardState,
    }));
    return presentAppealSummary(row, departments, appealOverdue(current, now));
  });
  return { items, total };
}

export async function listInboxItems(
  ctx: AppContext,
  actor: Actor,
  query: InboxQuery,
): Promise<{ items: InboxItem[]; total: number }> {
  const { rows, total } = await listInbox(ctx.database.db, actor, query, ctx.clock.now());
  return { items: rows.map(presentInboxItem), total };
}
