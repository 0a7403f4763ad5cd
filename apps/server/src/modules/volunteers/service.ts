// 志愿服务 volunteers: register volunteers (a registry person, or a member enterprise's staff), teams and
// their members, activities with sign-up and hours served per person, and blood drives. An activity a
// chamber secretary records waits for federation staff to confirm it (core/transitions); only confirmed
// hours count. Every write audited in its transaction.
import {
  ACTIVITY_TRANSITIONS,
  minutesOfHours,
  type ActivityListQuery,
  type ActivityServiceRequest,
  type ActivitySignupRequest,
  type ActivityStatus,
  type ActivityTransitionRequest,
  type ActivityView,
  type BloodDriveView,
  type CreateActivityRequest,
  type CreateBloodDriveRequest,
  type CreateTeamRequest,
  type CreateVolunteerRequest,
  type ErrorDetail,
  type TeamView,
  type UpdateBloodDriveRequest,
  type VolunteerListQuery,
  type VolunteerView,
} from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { recordsConfirmed } from '../../core/access/volunteer-scope.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { runTransition, type TransitionMachine } from '../../core/transitions/transitions.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import { presentActivity, presentBloodDrive, presentTeam, presentVolunteer } from './presenter.ts';
import {
  addTeamMembers,
  findActivity,
  findBloodDrive,
  findEnterpriseForVolunteer,
  findOrganiserUnit,
  findPersonForVolunteer,
  findTeam,
  findVolunteer,
  insertActivity,
  insertBloodDrive,
  insertTeam,
  insertVolunteer,
  listActivities as listActivityRows,
  listBloodDrives as listBloodDriveRows,
  listTeams as listTeamRows,
  listVolunteers as listVolunteerRows,
  participants,
  recordMinutes,
  saveActivityStatus,
  servedBefore,
  signUp,
  teamsInWriteScope,
  updateBloodDriveCounts,
  volunteersInScope,
  type ActivityRow,
} from './repository.ts';

function today(ctx: AppContext): string {
  return shanghaiDay(ctx.clock.now());
}

function fail(details: ErrorDetail[]): void {
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}

function notInFuture(ctx: AppContext, field: string, day: string): void {
  if (day > today(ctx)) throw invalidField(field, 'DATE_IN_FUTURE', '日期不能晚于今天');
}

/** The org unit a team, activity or blood drive belongs to: the one asked for, within reach, else the caller's. */
async function organiserUnit(db: DbOrTx, actor: Actor, requested: string | undefined): Promise<string> {
  const unit = await findOrganiserUnit(db, actor, requested ?? actor.orgUnitId);
  if (!unit) {
    throw invalidField(
      'orgUnitId',
      'ORG_UNIT_NOT_FOUND',
      '组织单位不存在或不在您的管理范围内（商会秘书长只能为本商会登记）',
    );
  }
  return unit.id;
}

/** Distinct ids each within the actor's scope in `mode`; the others named by their position. */
async function checkVolunteers(
  db: DbOrTx,
  actor: Actor,
  field: string,
  requested: readonly string[],
  suffix = '',
): Promise<string[]> {
  const found = await volunteersInScope(db, actor, requested, 'write');
  const seen = new Set<string>();
  fail(
    requested.flatMap((id, index) => {
      if (seen.has(id)) {
        return [
          { path: `${field}.${index}${suffix}`, code: 'DUPLICATE_VOLUNTEER', message: '同一志愿者重复填写' },
        ];
      }
      seen.add(id);
      return found.has(id)
        ? []
        : [
            {
              path: `${field}.${index}${suffix}`,
              code: 'NOT_FOUND',
              message: '志愿者不存在或不在您的管理范围内',
            },
          ];
    }),
  );
  return [...seen];
}

export async function listVolunteers(ctx: AppContext, actor: Actor, query: VolunteerListQuery) {
  const { rows, total, partyMembers } = await listVolunteerRows(ctx.database.db, actor, query);
  return {
    items: rows.map(presentVolunteer),
    total,
    partyMembers,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getVolunteer(ctx: AppContext, actor: Actor, id: string): Promise<VolunteerView> {
  const row = await findVolunteer(ctx.database.db, actor, id);
  if (!row) throw notFound();
  return presentVolunteer(row);
}

export async function createVolunteer(
  ctx: AppContext,
  actor: Actor,
  input: CreateVolunteerRequest,
  audit: AuditContext,
): Promise<VolunteerView> {
  const registeredOn = input.registeredOn ?? today(ctx);
  notInFuture(ctx, 'registeredOn', registeredOn);
  return ctx.database.db.transaction(async (tx) => {
    let source: { orgUnitId: string; name: string; partyMember: boolean };
    const enterprise = input.enterpriseId
      ? await findEnterpriseForVolunteer(tx, actor, input.enterpriseId)
      : undefined;
    if (input.enterpriseId && !enterprise) {
      throw invalidField('enterpriseId', 'NOT_FOUND', '企业不存在或不在您的管理范围内');
    }
    if (input.personId) {
      const person = await findPersonForVolunteer(tx, actor, input.personId);
      if (!person) throw invalidField('personId', 'NOT_FOUND', '人士不存在或不在您的管理范围内');
      source = {
        orgUnitId: enterprise?.org_unit_id ?? person.org_unit_id,
        name: person.name,
        partyMember: input.partyMember ?? person.political_affiliation === 'cpc',
      };
    } else if (enterprise) {
      if (!input.name) throw invalidField('name', 'NAME_REQUIRED', '请填写志愿者姓名');
      if (input.partyMember === undefined) {
        throw invalidField('partyMember', 'PARTY_MEMBER_REQUIRED', '请填写是否中共党员');
      }
      source = { orgUnitId: enterprise.org_unit_id, name: input.name, partyMember: input.partyMember };
    } else {
      throw invalidField(
        'personId',
        'VOLUNTEER_SOURCE_REQUIRED',
        '请选择名册中的人士，或选择企业并填写员工姓名',
      );
    }
    const teams = await teamsInWriteScope(tx, actor, input.teamIds);
    fail(
      input.teamIds.flatMap((id, index) =>
        teams.has(id)
          ? []
          : [
              {
                path: `teamIds.${index}`,
                code: 'NOT_FOUND',
                message: '志愿服务队不存在或不在您的管理范围内',
              },
            ],
      ),
    );
    const id = await insertVolunteer(tx, {
      ...source,
      personId: input.personId ?? null,
      enterpriseId: enterprise?.id ?? null,
      skills: [...new Set(input.skills)],
      registeredOn,
      createdBy: actor.userId,
    });
    if (!id) {
      throw new AppError('CONFLICT', [
        {
          path: input.personId ? 'personId' : 'name',
          code: 'VOLUNTEER_EXISTS',
          message: input.personId ? '该人士已登记为志愿者' : '该企业已登记同名志愿者',
        },
      ]);
    }
    for (const teamId of teams) await addTeamMembers(tx, teamId, [id]);
    await ctx.audit.record(tx, audit, {
      action: 'volunteer.created',
      objectType: 'volunteer',
      objectId: id,
      detail: {
        after: {
          name: source.name,
          personId: input.personId ?? null,
          enterpriseId: enterprise?.id ?? null,
          partyMember: source.partyMember,
          skills: input.skills,
          registeredOn,
          teamIds: [...teams],
        },
      },
    });
    const row = await findVolunteer(tx, actor, id);
    return presentVolunteer(row!);
  });
}

export async function listTeams(ctx: AppContext, actor: Actor): Promise<{ items: TeamView[] }> {
  return { items: (await listTeamRows(ctx.database.db, actor)).map(presentTeam) };
}

export async function createTeam(
  ctx: AppContext,
  actor: Actor,
  input: CreateTeamRequest,
  audit: AuditContext,
): Promise<TeamView> {
  notInFuture(ctx, 'foundedOn', input.foundedOn);
  return ctx.database.db.transaction(async (tx) => {
    const orgUnitId = await organiserUnit(tx, actor, input.orgUnitId);
    const id = await insertTeam(tx, {
      orgUnitId,
      name: input.name,
      foundedOn: input.foundedOn,
      createdBy: actor.userId,
    });
    if (!id) {
      throw new AppError('CONFLICT', [
        { path: 'name', code: 'TEAM_EXISTS', message: '本单位已有同名志愿服务队' },
      ]);
    }
    await ctx.audit.record(tx, audit, {
      action: 'volunteer_team.created',
      objectType: 'volunteer_team',
      objectId: id,
      detail: { after: { name: input.name, foundedOn: input.foundedOn, orgUnitId } },
    });
    return presentTeam((await findTeam(tx, actor, id))!);
  });
}

export async function addMembersToTeam(
  ctx: AppContext,
  actor: Actor,
  teamId: string,
  volunteerIds: readonly string[],
  audit: AuditContext,
): Promise<TeamView> {
  return ctx.database.db.transaction(async (tx) => {
    if (!(await findTeam(tx, actor, teamId, 'write'))) throw notFound();
    const ids = await checkVolunteers(tx, actor, 'volunteerIds', volunteerIds);
    const added = await addTeamMembers(tx, teamId, ids);
    if (added.length > 0) {
      await ctx.audit.record(tx, audit, {
        action: 'volunteer_team.members_added',
        objectType: 'volunteer_team',
        objectId: teamId,
        detail: { volunteerIds: added },
      });
    }
    return presentTeam((await findTeam(tx, actor, teamId))!);
  });
}

async function activityView(db: DbOrTx, actor: Actor, row: ActivityRow): Promise<ActivityView> {
  return presentActivity(row, await participants(db, actor, row.id));
}

export async function listActivities(ctx: AppContext, actor: Actor, query: ActivityListQuery) {
  const { rows, total } = await listActivityRows(ctx.database.db, actor, query);
  return {
    items: rows.map((row) => presentActivity(row)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getActivity(ctx: AppContext, actor: Actor, id: string): Promise<ActivityView> {
  const row = await findActivity(ctx.database.db, actor, id);
  if (!row) throw notFound();
  return activityView(ctx.database.db, actor, row);
}

export async function createActivity(
  ctx: AppContext,
  actor: Actor,
  input: CreateActivityRequest,
  audit: AuditContext,
): Promise<ActivityView> {
  return ctx.database.db.transaction(async (tx) => {
    const orgUnitId = await organiserUnit(tx, actor, input.orgUnitId);
    if (input.teamId && !(await findTeam(tx, actor, input.teamId, 'write'))) {
      throw invalidField('teamId', 'NOT_FOUND', '志愿服务队不存在或不在您的管理范围内');
    }
    // Staff's own record stands; a chamber secretary's waits for staff to confirm it.
    const status: ActivityStatus = recordsConfirmed(actor) ? 'confirmed' : 'pending';
    const id = await insertActivity(tx, {
      orgUnitId,
      teamId: input.teamId ?? null,
      title: input.title,
      heldOn: input.heldOn,
      place: input.place || null,
      description: input.description || null,
      status,
      createdBy: actor.userId,
      now: ctx.clock.now(),
    });
    await ctx.audit.record(tx, audit, {
      action: 'volunteer_activity.created',
      objectType: 'volunteer_activity',
      objectId: id,
      detail: {
        after: { title: input.title, heldOn: input.heldOn, orgUnitId, teamId: input.teamId ?? null, status },
      },
    });
    return activityView(tx, actor, (await findActivity(tx, actor, id))!);
  });
}

/** The activity in write scope, locked; sign-ups and hours change only while it may be worked on. */
async function lockWorkable(tx: Tx, actor: Actor, id: string, action: string): Promise<ActivityRow> {
  const row = await findActivity(tx, actor, id, { mode: 'write', forUpdate: true });
  if (!row) throw notFound();
  // Void is final; once confirmed, only staff (who confirm) may still change what it counts.
  if (row.status === 'void' || (row.status === 'confirmed' && !recordsConfirmed(actor))) {
    throw new AppError('INVALID_TRANSITION', undefined, { state: row.status, action });
  }
  return row;
}

export async function signUpForActivity(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ActivitySignupRequest,
  audit: AuditContext,
): Promise<ActivityView> {
  return ctx.database.db.transaction(async (tx) => {
    const row = await lockWorkable(tx, actor, id, 'sign_up');
    const ids = await checkVolunteers(tx, actor, 'volunteerIds', input.volunteerIds);
    const added = await signUp(tx, id, ids, ctx.clock.now());
    if (added.length > 0) {
      await ctx.audit.record(tx, audit, {
        action: 'volunteer_activity.signed_up',
        objectType: 'volunteer_activity',
        objectId: id,
        detail: { volunteerIds: added },
      });
    }
    return activityView(tx, actor, (await findActivity(tx, actor, row.id))!);
  });
}

export async function recordService(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ActivityServiceRequest,
  audit: AuditContext,
): Promise<ActivityView> {
  return ctx.database.db.transaction(async (tx) => {
    const row = await lockWorkable(tx, actor, id, 'record_service');
    if (row.held_on > today(ctx)) {
      throw invalidField('entries', 'ACTIVITY_NOT_HELD_YET', '活动尚未举行，不能登记服务时长');
    }
    await checkVolunteers(
      tx,
      actor,
      'entries',
      input.entries.map((entry) => entry.volunteerId),
      '.volunteerId',
    );
    const entries = input.entries.map((entry) => ({
      volunteerId: entry.volunteerId,
      minutes: minutesOfHours(entry.hours),
    }));
    const before = await servedBefore(
      tx,
      id,
      entries.map((entry) => entry.volunteerId),
    );
    await recordMinutes(tx, id, entries, actor.userId, ctx.clock.now());
    await ctx.audit.record(tx, audit, {
      action: 'volunteer_activity.service_recorded',
      objectType: 'volunteer_activity',
      objectId: id,
      detail: {
        entries: entries.map((entry) => ({
          volunteerId: entry.volunteerId,
          minutesBefore: before.get(entry.volunteerId) ?? null,
          minutes: entry.minutes,
        })),
      },
    });
    return activityView(tx, actor, (await findActivity(tx, actor, row.id))!);
  });
}

type ActivityMachine = TransitionMachine<
  ActivityRow,
  { state: ActivityStatus },
  'staff',
  ActivityTransitionRequest,
  { audit: { detail: Record<string, unknown> }; status: ActivityStatus }
>;

/** confirm: pending → confirmed; void: pending | confirmed → void. Whoever may confirm may do both. */
const activityMachine: ActivityMachine = {
  objectType: 'volunteer_activity',
  lock: (tx, actor, id) => findActivity(tx, actor, id, { mode: 'write', forUpdate: true }),
  stateOf: (row) => ({ state: row.status }),
  capacityOf: () => 'staff',
  decide: (state, action) => (ACTIVITY_TRANSITIONS[action].includes(state.state) ? 'allowed' : 'not_now'),
  apply: async ({ subject, request }) => {
    if (request.action === 'void' && !request.reason) {
      throw invalidField('reason', 'REASON_REQUIRED', '作废须说明原因');
    }
    const status: ActivityStatus = request.action === 'confirm' ? 'confirmed' : 'void';
    return {
      status,
      audit: {
        detail: { before: { status: subject.status }, after: { status }, reason: request.reason ?? null },
      },
    };
  },
  save: ({ tx, id, subject, actor, now, request }, outcome) =>
    saveActivityStatus(
      tx,
      id,
      subject.version,
      outcome.status,
      request.action === 'confirm' ? actor.userId : null,
      now,
    ),
};

export async function transitionActivity(
  ctx: AppContext,
  actor: Actor,
  id: string,
  request: ActivityTransitionRequest,
  audit: AuditContext,
): Promise<ActivityView> {
  await runTransition(ctx, activityMachine, { actor, id, request, audit });
  return getActivity(ctx, actor, id);
}

export async function listBloodDrives(
  ctx: AppContext,
  actor: Actor,
  period: { from?: string; to?: string },
): Promise<{ items: BloodDriveView[]; registered: number; donated: number }> {
  const rows = await listBloodDriveRows(ctx.database.db, actor, period);
  return {
    items: rows.map(presentBloodDrive),
    registered: rows.reduce((sum, row) => sum + row.registered, 0),
    donated: rows.reduce((sum, row) => sum + row.donated, 0),
  };
}

function checkBloodCounts(registered: number, donated: number): void {
  if (donated > registered) {
    throw invalidField('donated', 'DONATED_OVER_REGISTERED', '实际献血人数不能多于报名人数');
  }
}

export async function createBloodDrive(
  ctx: AppContext,
  actor: Actor,
  input: CreateBloodDriveRequest,
  audit: AuditContext,
): Promise<BloodDriveView> {
  checkBloodCounts(input.registered, input.donated);
  return ctx.database.db.transaction(async (tx) => {
    const orgUnitId = await organiserUnit(tx, actor, input.orgUnitId);
    const id = await insertBloodDrive(tx, {
      orgUnitId,
      title: input.title,
      heldOn: input.heldOn,
      place: input.place || null,
      registered: input.registered,
      donated: input.donated,
      createdBy: actor.userId,
    });
    await ctx.audit.record(tx, audit, {
      action: 'blood_drive.created',
      objectType: 'blood_drive',
      objectId: id,
      detail: {
        after: {
          title: input.title,
          heldOn: input.heldOn,
          orgUnitId,
          registered: input.registered,
          donated: input.donated,
        },
      },
    });
    return presentBloodDrive((await findBloodDrive(tx, actor, id))!);
  });
}

export async function updateBloodDrive(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateBloodDriveRequest,
  audit: AuditContext,
): Promise<BloodDriveView> {
  return ctx.database.db.transaction(async (tx) => {
    const current = await findBloodDrive(tx, actor, id, { mode: 'write', forUpdate: true });
    if (!current) throw notFound();
    if (current.version !== input.version) throw versionConflict();
    const next = {
      registered: input.registered ?? current.registered,
      donated: input.donated ?? current.donated,
    };
    checkBloodCounts(next.registered, next.donated);
    if (!(await updateBloodDriveCounts(tx, id, input.version, next))) throw versionConflict();
    await ctx.audit.record(tx, audit, {
      action: 'blood_drive.updated',
      objectType: 'blood_drive',
      objectId: id,
      detail: { before: { registered: current.registered, donated: current.donated }, after: next },
    });
    return presentBloodDrive((await findBloodDrive(tx, actor, id))!);
  });
}
