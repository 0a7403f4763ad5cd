// 商会活动通知机器人 a chamber's own group robot (企业微信/钉钉, the chamber's WeChat group) for its events:
// set or removed by those who run the chamber's events (staff of its subtree, its secretary), checked as an
// outbound target, answered by host only (the URL carries the robot's key), audited with its origin only.
// The invitations of events open to the chamber's members are posted there (notices.ts).
import type { ChamberEventRobot, ChamberEventRobotRequest } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { checkOutboundField, hostOf, redactedUrl } from '../../core/outbound/outbound.ts';
import { chambersInScope, findChamberRobot, saveChamberRobot } from './repository.ts';

async function chamberOf(ctx: AppContext, actor: Actor, chamberId: string) {
  const [chamber] = await chambersInScope(ctx.database.db, actor, chamberId);
  if (!chamber) throw notFound();
  return chamber;
}

export async function getChamberRobot(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
): Promise<ChamberEventRobot> {
  const chamber = await chamberOf(ctx, actor, chamberId);
  const url = await findChamberRobot(ctx.database.db, chamber.id);
  return { chamberId: chamber.id, set: url !== null, host: hostOf(url) };
}

export async function setChamberRobot(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  input: ChamberEventRobotRequest,
  audit: AuditContext,
): Promise<ChamberEventRobot> {
  const chamber = await chamberOf(ctx, actor, chamberId);
  if (input.webhookUrl) await checkOutboundField('webhookUrl', input.webhookUrl, ctx.config.outboundAllow);
  await ctx.database.db.transaction(async (tx) => {
    const before = await findChamberRobot(tx, chamber.id);
    await saveChamberRobot(tx, chamber.id, input.webhookUrl, actor.userId, ctx.clock.now());
    await ctx.audit.record(tx, audit, {
      action: 'chamber.event_robot_set',
      objectType: 'org_unit',
      objectId: chamber.id,
      detail: {
        chamberName: chamber.name,
        before: redactedUrl(before),
        after: redactedUrl(input.webhookUrl),
      },
    });
  });
  return { chamberId: chamber.id, set: input.webhookUrl !== null, host: hostOf(input.webhookUrl) };
}
