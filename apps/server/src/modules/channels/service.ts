// 快捷通道 direct channels (政企直联) from a federation to departments — who receives, whom overdue cases
// escalate to, the deadlines per category (the categories themselves: modules/appeal-categories).
import type { ChannelView, CreateChannelRequest, ErrorDetail, UpdateChannelRequest } from '@qinqing/shared';
import { pathInScope } from '../../core/access/access.ts';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { checkOutboundField, hostOf, redactedUrl } from '../../core/outbound/outbound.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { violatesUniqueIndex } from '../../db/errors.ts';
import { findOrgUnit } from '../org-units/repository.ts';
import { existingCategories } from '../appeal-categories/repository.ts';
import {
  channelWebhookUrl,
  findDepartment,
  findUserInScope,
  insertChannel,
  listChannels,
  replaceDeadlines,
  updateChannelRow,
} from './repository.ts';

type ListedChannel = Awaited<ReturnType<typeof listChannels>>[number];

/** Who may learn a channel's robot host: those who may change the channel (its unit's staff, or above). */
function mayConfigure(actor: Actor, row: ListedChannel): boolean {
  return actor.permissions.has('serviceLoop.configure') && !row.fromAbove;
}

function present(row: ListedChannel, actor: Actor): ChannelView {
  const { channel } = row;
  return {
    id: channel.id,
    name: channel.name,
    description: channel.description,
    orgUnitId: channel.orgUnitId,
    department: { id: channel.departmentId, name: row.departmentName },
    respondDays: channel.respondDays,
    resolveDays: channel.resolveDays,
    deadlines: row.deadlines.map((d) => ({
      category: d.categoryCode,
      respondDays: d.respondDays,
      resolveDays: d.resolveDays,
    })),
    head: channel.headUserId && row.headName ? { id: channel.headUserId, displayName: row.headName } : null,
    liaisons: row.liaisons.map((l) => ({ id: l.id, displayName: l.displayName })),
    webhookSet: channel.webhookUrl !== null,
    webhookHost: mayConfigure(actor, row) ? hostOf(channel.webhookUrl) : null,
    active: channel.active,
    openToSubordinates: channel.openToSubordinates,
    orgUnitName: row.orgUnitName,
    fromAbove: row.fromAbove,
    version: channel.version,
  };
}

export async function listChannelViews(ctx: AppContext, actor: Actor): Promise<ChannelView[]> {
  return (await listChannels(ctx.database.db, actor)).map((row) => present(row, actor));
}

async function loadChannel(db: DbOrTx, actor: Actor, id: string): Promise<ChannelView> {
  const [row] = await listChannels(db, actor, id);
  if (!row) throw notFound();
  return present(row, actor);
}

/** Only a city or province opens its channels to the districts below it (a district's have none below). */
function checkOpening(runnerKind: string | undefined, open: boolean | undefined): void {
  if (open && runnerKind !== 'city' && runnerKind !== 'province') {
    throw invalidField(
      'openToSubordinates',
      'NOT_AN_UPPER_LEVEL',
      '只有市级或省级工商联的快捷通道可以向下级开放',
    );
  }
}

/** What zod cannot check: the head account in scope, known categories, no category twice. */
async function checkChannelFields(
  db: DbOrTx,
  actor: Actor,
  input: Pick<UpdateChannelRequest, 'headUserId' | 'deadlines'>,
): Promise<void> {
  const details: ErrorDetail[] = [];
  if (input.headUserId && !(await findUserInScope(db, actor, input.headUserId))) {
    details.push({
      path: 'headUserId',
      code: 'USER_NOT_FOUND',
      message: '负责人账号不存在或不在您的管辖范围内',
    });
  }
  const codes = (input.deadlines ?? []).map((d) => d.category);
  const known = await existingCategories(db, codes);
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    if (!known.has(code)) {
      details.push({ path: `deadlines.${i}.category`, code: 'UNKNOWN_CATEGORY', message: '诉求类别不存在' });
    } else if (seen.has(code)) {
      details.push({
        path: `deadlines.${i}.category`,
        code: 'DUPLICATE',
        message: '同一类别只能设置一次时限',
      });
    }
    seen.add(code);
  });
  (input.deadlines ?? []).forEach((d, i) => {
    if (d.respondDays > d.resolveDays) {
      details.push({
        path: `deadlines.${i}.respondDays`,
        code: 'RESPOND_AFTER_RESOLVE',
        message: '响应时限不能长于办结时限',
      });
    }
  });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}

export async function createChannel(
  ctx: AppContext,
  actor: Actor,
  body: CreateChannelRequest,
  audit: AuditContext,
): Promise<ChannelView> {
  if (body.webhookUrl) await checkOutboundField('webhookUrl', body.webhookUrl, ctx.config.outboundAllow);
  const id = await ctx.database.db.transaction(async (tx) => {
    const department = await findDepartment(tx, actor, body.departmentId);
    if (!department) {
      throw invalidField(
        'departmentId',
        'DEPARTMENT_NOT_FOUND',
        '部门不存在或不在您的管辖范围内（须为“职能部门”类型的机构）',
      );
    }
    await checkChannelFields(tx, actor, body);
    checkOpening((await findOrgUnit(tx, actor.orgUnitId))?.kind, body.openToSubordinates);
    let channelId: string;
    try {
      channelId = await insertChannel(tx, {
        orgUnitId: actor.orgUnitId,
        departmentId: department.id,
        name: body.name,
        description: body.description ?? null,
        respondDays: body.respondDays ?? null,
        resolveDays: body.resolveDays ?? null,
        headUserId: body.headUserId ?? null,
        webhookUrl: body.webhookUrl ?? null,
        active: body.active ?? true,
        openToSubordinates: body.openToSubordinates ?? false,
      });
    } catch (error) {
      if (violatesUniqueIndex(error, 'channels_org_unit_id_department_id_key')) {
        throw invalidField(
          'departmentId',
          'CHANNEL_EXISTS',
          '本单位已有通往该部门的快捷通道，请编辑现有通道',
        );
      }
      throw error;
    }
    await replaceDeadlines(tx, channelId, body.deadlines ?? []);
    await ctx.audit.record(tx, audit, {
      action: 'channel.created',
      objectType: 'channel',
      objectId: channelId,
      // The robot's URL carries its key: the audit log says only that one was set, and where.
      detail: {
        name: body.name,
        department: department.name,
        webhookUrl: redactedUrl(body.webhookUrl ?? null),
      },
    });
    return channelId;
  });
  return loadChannel(ctx.database.db, actor, id);
}

export async function updateChannel(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: UpdateChannelRequest,
  audit: AuditContext,
): Promise<ChannelView> {
  if (body.webhookUrl) await checkOutboundField('webhookUrl', body.webhookUrl, ctx.config.outboundAllow);
  await ctx.database.db.transaction(async (tx) => {
    const before = await loadChannel(tx, actor, id);
    // Only the unit that runs a channel (or one above it) changes it: a district reads its city's channels.
    const runner = await findOrgUnit(tx, before.orgUnitId);
    if (!runner || !pathInScope(runner.path, actor)) throw forbidden();
    await checkChannelFields(tx, actor, body);
    checkOpening(runner.kind, body.openToSubordinates);
    const { version, deadlines, webhookUrl, ...fields } = body;
    const previousUrl = await channelWebhookUrl(tx, id);
    const robotChanged = webhookUrl !== undefined && webhookUrl !== previousUrl;
    const patch = webhookUrl === undefined ? fields : { ...fields, webhookUrl };
    if (!(await updateChannelRow(tx, id, version, patch, ctx.clock.now()))) throw versionConflict();
    if (deadlines) await replaceDeadlines(tx, id, deadlines);
    const diff = changes(before as unknown as Record<string, unknown>, {
      ...fields,
      ...(deadlines ? { deadlines: deadlines.map((d) => ({ ...d })) } : {}),
    });
    // The robot's URL carries its key: the audit log says only that it changed, between which hosts.
    await ctx.audit.record(tx, audit, {
      action: 'channel.updated',
      objectType: 'channel',
      objectId: id,
      detail: robotChanged
        ? {
            before: { ...diff?.before, webhookUrl: redactedUrl(previousUrl) },
            after: { ...diff?.after, webhookUrl: redactedUrl(webhookUrl) },
          }
        : diff,
    });
  });
  return loadChannel(ctx.database.db, actor, id);
}
