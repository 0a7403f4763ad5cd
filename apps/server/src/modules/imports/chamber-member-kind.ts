// 商会会员导入 the chamber membership import kind: a row names a chamber (by name or code) and a member
// enterprise (by credit code, registered already). Federation staff import into the chambers of their
// subtree; a chamber secretary into their own chamber only — a row for any other chamber is rejected with
// its reason, never skipped. The enterprise is looked up as the roster page does (what the importer may
// read, and for a secretary the enterprises registered under the chamber's federation). A membership
// already held: empty cells change nothing, a different role or joining date updates it; none: added.
import { CHAMBER_MEMBER_ROLE_LABELS, type ChamberMemberRole } from '@qinqing/shared';
import { managesRegistryRecords } from '../../core/access/registry-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import { ColumnSet, type ImportColumn } from './columns.ts';
import type { BatchContext, ImportKind, KindRow, RowOutcome, RowProblem } from './kind.ts';
import {
  enterprisesByUscc,
  insertMemberships,
  memberCandidateScope,
  membershipsOf,
  rosterChambersNamed,
  updateMembership,
  type MembershipRow,
  type NamedEnterprise,
  type RosterChamber,
} from './repository.ts';
import { choices, RowReader } from './row-reader.ts';

type MemberField = 'chamber' | 'uscc' | 'enterpriseName' | 'role' | 'joinedOn';

const COLUMNS: readonly ImportColumn<MemberField>[] = [
  {
    field: 'chamber',
    header: '商会名称',
    aliases: ['商会', '所属商会', '商会（协会）', '商会/协会', '协会名称', '协会', '商会编码'],
    required: true,
    example: '示例区餐饮商会',
    note: '必填，与名册中的商会（协会）名称一致，或填写商会编码',
    width: 24,
  },
  {
    field: 'uscc',
    header: '统一社会信用代码',
    aliases: ['信用代码', '社会信用代码', '统一信用代码', '企业统一社会信用代码'],
    required: true,
    example: '91110105MA0000000Y',
    note: '必填，会员企业的 18 位代码（企业须已在名册中）；请将本列设为文本格式',
    width: 24,
  },
  {
    field: 'enterpriseName',
    header: '企业名称',
    aliases: ['会员企业名称', '会员名称', '名称', '单位名称'],
    example: '示例市东湖智能科技有限公司',
    note: '仅供核对，不导入：企业以统一社会信用代码为准',
    width: 32,
  },
  {
    field: 'role',
    header: '会员身份',
    aliases: ['会内职务', '会员类别', '单位类别', '身份'],
    example: '理事单位',
    note: '会长单位、副会长单位、理事单位、会员单位；新会员不填为会员单位',
    width: 12,
  },
  {
    field: 'joinedOn',
    header: '入会日期',
    aliases: ['入会时间', '加入日期'],
    example: '2024-03-01',
    note: '如 2024-03-01；新会员不填为导入当天',
    width: 12,
  },
];

// Found by its credit code column, so that a file without the chamber column is told that it lacks it.
const COLUMN_SET = new ColumnSet<MemberField>(COLUMNS, ['uscc']);
const EXAMPLE_USCC = String(COLUMNS[1]!.example);
const ROLES = choices<ChamberMemberRole>({
  president: [CHAMBER_MEMBER_ROLE_LABELS.president, '会长'],
  vice_president: [CHAMBER_MEMBER_ROLE_LABELS.vice_president, '副会长'],
  director: [CHAMBER_MEMBER_ROLE_LABELS.director, '理事'],
  member: [CHAMBER_MEMBER_ROLE_LABELS.member, '会员'],
});

export interface MemberInput {
  chamber: string;
  uscc: string;
  role?: ChamberMemberRole;
  joinedOn?: string;
}

function readMemberRow(
  rowNumber: number,
  cells: Parameters<ImportKind['readRow']>[1],
  columns: Parameters<ImportKind['readRow']>[2],
  today: string,
): KindRow<MemberInput> {
  const r = new RowReader<MemberField>(rowNumber, cells, columns, COLUMN_SET);
  const chamber = r.required('chamber');
  const uscc = r.uscc('uscc');
  if (uscc === undefined && !r.hasProblem('uscc')) r.required('uscc');
  const role = r.choice('role', ROLES, Object.values(CHAMBER_MEMBER_ROLE_LABELS).join('、'));
  const joinedOn = r.date('joinedOn', today);
  if (uscc === EXAMPLE_USCC) r.problem(null, '这是导入模板中的示例行，请删除后再导入');
  return {
    row: rowNumber,
    display: r.display,
    name: chamber ?? null,
    uscc: uscc ?? null,
    key: chamber && uscc ? `${chamber}\u0000${uscc}` : undefined,
    input:
      r.valid && chamber && uscc
        ? { chamber, uscc, ...(role ? { role } : {}), ...(joinedOn ? { joinedOn } : {}) }
        : undefined,
    problems: r.problems,
  };
}

/** The chamber's federation: its parent's path (`/root/…/parent/`), from its own. */
function parentPathOf(path: string): string | null {
  const parent = path.replace(/[^/]+\/$/, '');
  return parent.length > 1 ? parent : null;
}

/** Only a chamber secretary (not also staff) is told that other chambers are not theirs. */
const onlyOwnChamber = (actor: Actor) =>
  actor.roles.includes('chamber_secretary') && !managesRegistryRecords(actor);

type Decision =
  | {
      verdict: 'create' | 'update';
      parsed: KindRow<MemberInput>;
      chamber: RosterChamber;
      enterprise: NamedEnterprise;
      before?: MembershipRow;
      after: MembershipRow;
      changed: string[];
    }
  | { verdict: 'unchanged'; parsed: KindRow<MemberInput> }
  | { verdict: 'reject'; parsed: KindRow<MemberInput>; problem: RowProblem };

/** Across a job's batches: chamber and enterprise → the row that first named the membership. */
type MemberState = Map<string, number>;

async function decide(
  b: BatchContext,
  db: DbOrTx,
  rows: KindRow<MemberInput>[],
  claimed: MemberState,
  lock: boolean,
): Promise<Decision[]> {
  const label = (field: MemberField) => b.labelOf(field);
  const chambers = await rosterChambersNamed(
    db,
    b.actor,
    rows.map((row) => row.input!.chamber),
  );
  const chambersOf = (text: string) => {
    const byName = chambers.filter((c) => c.name === text);
    return byName.length > 0 ? byName : chambers.filter((c) => c.code === text);
  };
  const reject = (parsed: KindRow<MemberInput>, field: MemberField | null, message: string): Decision => ({
    verdict: 'reject',
    parsed,
    problem: { field: field && label(field), message },
  });
  const placed = new Map<KindRow<MemberInput>, RosterChamber>();
  const decided = new Map<KindRow<MemberInput>, Decision>();
  for (const parsed of rows) {
    const text = parsed.input!.chamber;
    const found = chambersOf(text);
    if (found.length === 1) placed.set(parsed, found[0]!);
    else if (found.length > 1)
      decided.set(
        parsed,
        reject(parsed, 'chamber', `有 ${found.length} 个商会名为“${text}”，请改填商会编码`),
      );
    else if (onlyOwnChamber(b.actor))
      decided.set(parsed, reject(parsed, 'chamber', `您只能导入本商会的会员，“${text}”不是您所在的商会`));
    else decided.set(parsed, reject(parsed, 'chamber', `商会“${text}”不存在或不在您的管理范围内`));
  }
  // Enterprises are looked up per chamber: a secretary's reach depends on the chamber's federation.
  const enterpriseOf = new Map<KindRow<MemberInput>, NamedEnterprise | undefined>();
  for (const chamber of new Set(placed.values())) {
    const own = [...placed].filter(([, c]) => c === chamber).map(([row]) => row);
    const found = await enterprisesByUscc(
      db,
      own.map((row) => row.input!.uscc),
      memberCandidateScope(b.actor, parentPathOf(chamber.path)),
    );
    for (const row of own) enterpriseOf.set(row, found.get(row.input!.uscc));
  }
  const located = [...placed].filter(([row]) => enterpriseOf.get(row));
  const existing = await membershipsOf(
    db,
    located.map(([, chamber]) => chamber.id),
    located.map(([row]) => enterpriseOf.get(row)!.id),
    lock,
  );
  const membershipOf = new Map(existing.map((m) => [`${m.chamberId}:${m.enterpriseId}`, m]));

  return rows.map((parsed): Decision => {
    const early = decided.get(parsed);
    if (early) return early;
    const chamber = placed.get(parsed)!;
    const enterprise = enterpriseOf.get(parsed);
    const input = parsed.input!;
    if (!enterprise) {
      return reject(
        parsed,
        'uscc',
        '本商会所属工商联名册中没有这个统一社会信用代码，请核对或请工商联先登记该企业',
      );
    }
    if (enterprise.mergedIntoId) {
      return reject(parsed, 'uscc', '该统一社会信用代码属于已合并的重复记录，请在名册中核对合并后的企业');
    }
    const key = `${chamber.id}:${enterprise.id}`;
    const first = claimed.get(key);
    if (first !== undefined && first !== parsed.row)
      return reject(parsed, null, `与第 ${first} 行是同一商会的同一会员，本行未导入`);
    claimed.set(key, parsed.row);
    const before = membershipOf.get(key);
    if (!before) {
      const after = {
        chamberId: chamber.id,
        enterpriseId: enterprise.id,
        role: input.role ?? 'member',
        joinedOn: input.joinedOn ?? b.today,
      };
      return { verdict: 'create', parsed, chamber, enterprise, after, changed: [] };
    }
    const after = {
      ...before,
      role: input.role ?? before.role,
      joinedOn: input.joinedOn ?? before.joinedOn,
    };
    const changed = [
      ...(after.role !== before.role ? [label('role')] : []),
      ...(after.joinedOn !== before.joinedOn ? [label('joinedOn')] : []),
    ];
    if (changed.length === 0) return { verdict: 'unchanged', parsed };
    return { verdict: 'update', parsed, chamber, enterprise, before, after, changed };
  });
}

async function write(b: BatchContext, tx: Tx, decisions: Decision[]): Promise<void> {
  const added: Record<string, unknown>[] = [];
  const updated: Record<string, unknown>[] = [];
  const creates: MembershipRow[] = [];
  for (const d of decisions) {
    if (d.verdict !== 'create' && d.verdict !== 'update') continue;
    const entry = {
      row: d.parsed.row,
      chamberId: d.chamber.id,
      chamberName: d.chamber.name,
      enterpriseId: d.enterprise.id,
      enterpriseName: d.enterprise.name,
    };
    if (d.verdict === 'create') {
      creates.push(d.after);
      added.push({ ...entry, role: d.after.role, joinedOn: d.after.joinedOn });
    } else {
      await updateMembership(tx, d.chamber.id, d.enterprise.id, {
        role: d.after.role,
        joinedOn: d.after.joinedOn,
      });
      updated.push({
        ...entry,
        before: { role: d.before!.role, joinedOn: d.before!.joinedOn },
        after: { role: d.after.role, joinedOn: d.after.joinedOn },
      });
    }
  }
  await insertMemberships(tx, creates);
  if (added.length + updated.length > 0) {
    await b.ctx.audit.record(tx, b.audit, {
      action: 'chamber.members_imported',
      objectType: 'job',
      objectId: b.jobId,
      detail: { fileName: b.fileName, added, updated },
    });
  }
}

function outcomes(decisions: Decision[]): RowOutcome<MemberInput>[] {
  return decisions.map((d) => ({
    parsed: d.parsed,
    verdict: d.verdict,
    problems: d.verdict === 'reject' ? [d.problem] : [],
    changed: d.verdict === 'update' ? d.changed : [],
  }));
}

export const chamberMemberImport: ImportKind<MemberInput, MemberState> = {
  id: 'chamberMembers',
  jobKind: 'chamber_member_import',
  columnSet: COLUMN_SET,
  template: {
    sheetName: '商会会员',
    columns: COLUMNS,
    lists: { role: Object.values(CHAMBER_MEMBER_ROLE_LABELS) },
    textFields: new Set(['uscc']),
    lines: [
      '按商会和统一社会信用代码识别会员：已是该商会会员的按文件更新会员身份和入会日期（空白单元格不修改原值），不是的加入该商会；同一文件中重复的会员只导入第一行。',
      '企业须已在名册中（可先用“会员企业”导入）。商会秘书长只能导入本商会的会员，其他商会的行会被拒绝并列入问题行报告。',
      '退会请在商会页面办理：导入不会让任何会员退会。',
    ],
  },
  templateFileName: { ascii: 'chamber-member-import-template.xlsx', zh: '商会会员导入模板.xlsx' },
  placesUnderOrgUnit: false,
  // Staff in their subtree, a chamber secretary their own chamber (the scope in decide() holds them to it).
  mayImport: (actor) => managesRegistryRecords(actor) || actor.roles.includes('chamber_secretary'),
  noun: '个会员',
  batchRows: 500,
  batchesInFlight: 1,
  readRow: readMemberRow,
  duplicateMessage: (first) => `与第 ${first} 行是同一商会的同一企业，本行未导入`,
  newState: () => new Map(),
  async processBatch(b, rows, claimed) {
    if (b.dryRun) return outcomes(await decide(b, b.ctx.database.db, rows, claimed, false));
    return outcomes(
      await b.ctx.database.db.transaction(async (tx) => {
        const decisions = await decide(b, tx, rows, claimed, true);
        await write(b, tx, decisions);
        return decisions;
      }),
    );
  },
  finishedAction: 'chamber.members_import_finished',
};
