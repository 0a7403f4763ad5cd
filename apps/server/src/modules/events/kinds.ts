// 活动类型 event kinds of each federation: the built-in kinds (codes the API keeps) renamed, reordered or
// retired, and kinds a federation adds. A federation unit (province, city, district, street) defines them for
// its subtree; a unit sees, code by code, the nearest definition up its tree over the built-in one — as
// appeal categories are. A retired kind stays on its events and is not offered for new ones. Defining needs
// events.configure over the unit (federation staff).
import {
  EVENT_KINDS,
  EVENT_KIND_LABELS,
  type CreateEventKindRequest,
  type EventKindList,
  type EventKindView,
  type UpdateEventKindRequest,
} from '@qinqing/shared';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  findKindUnit,
  kindDefinitionsAt,
  lockKindDefinition,
  nextKindCode,
  saveKindDefinition,
} from './repository.ts';

const FEDERATION_KINDS: readonly string[] = ['province', 'city', 'district', 'street'];

interface EffectiveKind {
  code: string;
  label: string;
  sort: number;
  active: boolean;
  builtIn: boolean;
  definedBy: { id: string; name: string } | null;
  /** The unit's own definition's version, 0 without one. */
  version: number;
}

/** The kinds in effect at a unit's path, in their order: the built-ins under the nearest definitions. */
export async function kindsInEffect(db: DbOrTx, path: string, unitId: string): Promise<EffectiveKind[]> {
  const kinds = new Map<string, EffectiveKind>(
    EVENT_KINDS.map((code, i) => [
      code,
      {
        code,
        label: EVENT_KIND_LABELS[code],
        sort: (i + 1) * 10,
        active: true,
        builtIn: true,
        definedBy: null,
        version: 0,
      },
    ]),
  );
  for (const row of await kindDefinitionsAt(db, path)) {
    kinds.set(row.code, {
      code: row.code,
      label: row.label,
      sort: row.sort,
      active: row.active,
      builtIn: (EVENT_KINDS as readonly string[]).includes(row.code),
      definedBy: { id: row.org_unit_id, name: row.owner_name },
      version: row.org_unit_id === unitId ? row.version : 0,
    });
  }
  return [...kinds.values()].sort((a, b) => a.sort - b.sort || a.code.localeCompare(b.code));
}

const present = (kind: EffectiveKind, unitId: string): EventKindView => ({
  ...kind,
  own: kind.definedBy?.id === unitId,
});

const within = (path: string, actor: Actor) => path.startsWith(actor.orgPath);

/**
 * The unit a request names, as the caller may reach it: their own by default; for reading, their subtree
 * or a unit above them (whose kinds theirs inherit); for defining, a federation of their subtree.
 */
async function unitFor(ctx: AppContext, actor: Actor, id: string | undefined, use: 'read' | 'define') {
  const unit = await findKindUnit(ctx.database.db, id ?? actor.orgUnitId);
  if (!unit) throw notFound();
  const reachable = within(unit.path, actor) || (use === 'read' && actor.orgPath.startsWith(unit.path));
  if (!reachable) throw notFound();
  if (use === 'define' && !FEDERATION_KINDS.includes(unit.kind))
    throw invalidField(
      'orgUnitId',
      'NOT_A_FEDERATION',
      '活动类型只能由工商联（省、市、区县、街道）设置，请选择工商联',
    );
  return unit;
}

const mayDefine = (actor: Actor, unit: { path: string; kind: string }) =>
  actor.permissions.has('events.configure') &&
  within(unit.path, actor) &&
  FEDERATION_KINDS.includes(unit.kind);

export async function listEventKinds(
  ctx: AppContext,
  actor: Actor,
  orgUnitId?: string,
): Promise<EventKindList> {
  const unit = await unitFor(ctx, actor, orgUnitId, 'read');
  const kinds = await kindsInEffect(ctx.database.db, unit.path, unit.id);
  return {
    items: kinds.map((k) => present(k, unit.id)),
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    editable: mayDefine(actor, unit),
  };
}

/** Another kind in effect with the same label (among those offered): two kinds one name would confuse. */
function assertLabelFree(kinds: EffectiveKind[], code: string | null, label: string) {
  if (kinds.some((k) => k.active && k.code !== code && k.label === label))
    throw invalidField('label', 'KIND_LABEL_TAKEN', `已有名为“${label}”的活动类型`);
}

export async function createEventKind(
  ctx: AppContext,
  actor: Actor,
  body: CreateEventKindRequest,
  audit: AuditContext,
): Promise<EventKindView> {
  const unit = await unitFor(ctx, actor, body.orgUnitId, 'define');
  return ctx.database.db.transaction(async (tx) => {
    const kinds = await kindsInEffect(tx, unit.path, unit.id);
    assertLabelFree(kinds, null, body.label);
    const code = await nextKindCode(tx);
    const fields = {
      label: body.label,
      sort: body.sort ?? Math.max(0, ...kinds.map((k) => k.sort)) + 10,
      active: true,
    };
    await saveKindDefinition(tx, unit.id, code, { ...fields, version: 1, now: ctx.clock.now() });
    await ctx.audit.record(tx, audit, {
      action: 'event_kind.created',
      objectType: 'event_kind',
      objectId: code,
      detail: { orgUnit: unit.name, ...fields },
    });
    const created = (await kindsInEffect(tx, unit.path, unit.id)).find((k) => k.code === code)!;
    return present(created, unit.id);
  });
}

/**
 * Renames, reorders, retires or brings back a kind in effect at a federation unit: its own definition,
 * or (a built-in or inherited kind) a first one at its level, which its subtree then sees.
 */
export async function updateEventKind(
  ctx: AppContext,
  actor: Actor,
  code: string,
  body: UpdateEventKindRequest,
  audit: AuditContext,
): Promise<EventKindView> {
  const unit = await unitFor(ctx, actor, body.orgUnitId, 'define');
  return ctx.database.db.transaction(async (tx) => {
    const own = await lockKindDefinition(tx, unit.id, code);
    const kinds = await kindsInEffect(tx, unit.path, unit.id);
    const current = kinds.find((k) => k.code === code);
    if (!current) throw notFound();
    if (body.version !== (own?.version ?? 0)) throw versionConflict();
    if (body.active) assertLabelFree(kinds, code, body.label);
    if (!body.active && !kinds.some((k) => k.active && k.code !== code))
      throw invalidField('active', 'LAST_ACTIVE_KIND', '至少要保留一个启用的活动类型');
    const fields = { label: body.label, sort: body.sort, active: body.active };
    await saveKindDefinition(tx, unit.id, code, {
      ...fields,
      version: (own?.version ?? 0) + 1,
      now: ctx.clock.now(),
    });
    const before = { label: current.label, sort: current.sort, active: current.active };
    await ctx.audit.record(tx, audit, {
      action: 'event_kind.updated',
      objectType: 'event_kind',
      objectId: code,
      detail: {
        orgUnit: unit.name,
        ...changes(before, fields),
        ...(own ? {} : { replaces: current.definedBy?.name ?? '系统默认' }),
      },
    });
    const updated = (await kindsInEffect(tx, unit.path, unit.id)).find((k) => k.code === code)!;
    return present(updated, unit.id);
  });
}

/** A kind a new event may take at its organiser: in effect there and not retired; its label. */
export async function choosableKind(
  db: DbOrTx,
  organizer: { id: string; path: string },
  code: string,
): Promise<string> {
  const kind = (await kindsInEffect(db, organizer.path, organizer.id)).find((k) => k.code === code);
  if (!kind) throw invalidField('kind', 'KIND_UNKNOWN', '活动类型不在可选范围内');
  if (!kind.active)
    throw invalidField('kind', 'KIND_RETIRED', `活动类型“${kind.label}”已停用，请选择其他类型`);
  return kind.label;
}
