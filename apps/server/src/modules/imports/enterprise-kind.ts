// 会员企业导入 the member (enterprise) import kind: upsert by credit code — new → created; same values →
// unchanged; different → updated (version bumped, audited, empty cells change nothing). The valid rows of a
// batch are decided against the enterprises their codes already name (locked while the batch is written).
import { usccProblem } from '@qinqing/shared';
import { managesRegistryRecords } from '../../core/access/registry-scope.ts';
import { changes } from '../../core/audit/audit-log.ts';
import type { Tx } from '../../db/connection.ts';
import { violatesUniqueIndex } from '../../db/errors.ts';
import {
  insertContacts,
  insertStatusChanges,
  updateContact,
  updateEnterpriseRow,
  type ContactRow,
  type EnterpriseRow,
} from '../enterprises/repository.ts';
import { auditedContacts, insertEnterprises } from '../enterprises/service.ts';
import { searchKeysOf } from '../../core/search/search-keys.ts';
import { MEMBER_COLUMN_SET, MEMBER_COLUMNS, type MemberField } from './columns.ts';
import type { BatchContext, ImportKind, RowOutcome } from './kind.ts';
import { parseMemberRow, type MemberInput, type ParsedRow, type RowProblem } from './member-row.ts';
import { existingByUscc, type ExistingEnterprise } from './repository.ts';

/**
 * Rows per transaction. Each batch pays fixed costs (its look-up, three INSERT statements, the rollup
 * trigger, an audit record, a commit): at 2000 rows they are a small share of the rows' own work.
 */
export const IMPORT_BATCH_ROWS = 2000;
const UNIQUE_RETRIES = 3;

/** Column labels of the enterprise fields an update can change, for the preview's "what changes". */
const CHANGE_LABELS: Partial<Record<keyof EnterpriseRow, MemberField>> = {
  name: 'name',
  formerNames: 'formerNames',
  legalRepresentative: 'legalRepresentative',
  registeredCapital: 'registeredCapital',
  foundedOn: 'foundedOn',
  industryCode: 'industryCode',
  size: 'size',
  divisionCode: 'divisionCode',
  address: 'address',
  tags: 'tags',
  membershipType: 'membershipType',
  membershipStatus: 'membershipStatus',
  membershipStatusReason: 'statusReason',
  joinedOn: 'joinedOn',
};

interface ContactFields {
  name: string;
  position: string | null;
  mobile: string | null;
}

type ContactChange =
  | { kind: 'insert'; after: ContactFields; isPrimary: boolean; sort: number }
  | { kind: 'update'; id: string; before: ContactFields; after: ContactFields };

interface UpdatePlan {
  existing: ExistingEnterprise;
  next: Partial<EnterpriseRow>;
  diff: { before: Partial<EnterpriseRow>; after: Partial<EnterpriseRow> } | undefined;
  contact: ContactChange | undefined;
  /** Column labels (as the file names them) whose values change. */
  changed: string[];
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * What a row would change in an existing enterprise. Empty cells change nothing (the file may not know
 * everything the registry does); tags and former names are only ever added; a new name keeps the old one
 * as a former name; the contact is matched by name.
 */
function planUpdate(
  existing: ExistingEnterprise,
  input: MemberInput,
  today: string,
  labelOf: (field: MemberField) => string,
): UpdatePlan | undefined {
  const current = existing.row;
  const next: Partial<EnterpriseRow> = {};
  const renamed = input.name !== current.name;
  if (renamed) next.name = input.name;
  const newName = next.name ?? current.name;
  const formerNames = [
    ...new Set([...current.formerNames, ...(renamed ? [current.name] : []), ...(input.formerNames ?? [])]),
  ].filter((name) => name !== newName);
  if (!sameList(formerNames, current.formerNames)) next.formerNames = formerNames;
  const scalar = <K extends keyof EnterpriseRow>(key: K, value: EnterpriseRow[K] | undefined) => {
    if (value !== undefined && value !== current[key]) next[key] = value;
  };
  scalar('legalRepresentative', input.legalRepresentative || undefined);
  if (
    input.registeredCapital !== undefined &&
    input.registeredCapital !== null &&
    Math.round(input.registeredCapital * 1e4) !== Math.round((current.registeredCapital ?? -1) * 1e4)
  ) {
    next.registeredCapital = input.registeredCapital;
  }
  scalar('foundedOn', input.foundedOn ?? undefined);
  scalar('industryCode', input.industryCode ?? undefined);
  scalar('size', input.size ?? undefined);
  scalar('divisionCode', input.divisionCode ?? undefined);
  scalar('address', input.address || undefined);
  const tags = [...new Set([...current.tags, ...(input.tags ?? [])])];
  if (!sameList(tags, current.tags)) next.tags = tags;
  const membership = input.membership;
  scalar('membershipType', membership?.type);
  if (membership?.status && membership.status !== current.membershipStatus) {
    next.membershipStatus = membership.status;
    next.membershipStatusReason = membership.statusReason || null;
    next.membershipStatusOn = membership.statusOn ?? today;
  } else {
    scalar('membershipStatusReason', membership?.statusReason || undefined);
  }
  scalar('joinedOn', membership?.joinedOn ?? undefined);

  const contact = planContact(existing.contacts, input.contacts?.[0]);
  const diff = changes(
    current as Record<string, unknown>,
    next as Record<string, unknown>,
  ) as UpdatePlan['diff'];
  if (!diff && !contact) return undefined;
  const changed = Object.keys(diff?.after ?? {})
    .map((key) => CHANGE_LABELS[key as keyof EnterpriseRow])
    .filter((field): field is MemberField => field !== undefined)
    .map(labelOf);
  if (contact?.kind === 'insert') changed.push(labelOf('contactName'));
  if (contact?.kind === 'update') {
    if (contact.after.position !== contact.before.position) changed.push(labelOf('contactPosition'));
    if (contact.after.mobile !== contact.before.mobile) changed.push(labelOf('mobile'));
  }
  return { existing, next, diff, contact, changed: [...new Set(changed)] };
}

function planContact(
  contacts: ContactRow[],
  given: NonNullable<MemberInput['contacts']>[number] | undefined,
): ContactChange | undefined {
  if (!given) return undefined;
  const same = contacts.find((c) => c.name === given.name);
  if (!same) {
    return {
      kind: 'insert',
      after: { name: given.name, position: given.position || null, mobile: given.mobile ?? null },
      isPrimary: contacts.length === 0,
      sort: contacts.reduce((max, c) => Math.max(max, c.sort + 1), 0),
    };
  }
  const before = { name: same.name, position: same.position, mobile: same.mobile };
  // An empty cell keeps what is stored.
  const after = {
    name: same.name,
    position: given.position || same.position,
    mobile: given.mobile ?? same.mobile,
  };
  if (after.position === before.position && after.mobile === before.mobile) return undefined;
  return { kind: 'update', id: same.id, before, after };
}

/** A valid row's fate against the registry as it is. */
type Decision =
  | { verdict: 'create'; parsed: ParsedRow; input: MemberInput }
  | { verdict: 'update'; parsed: ParsedRow; plan: UpdatePlan }
  | { verdict: 'unchanged'; parsed: ParsedRow }
  | { verdict: 'reject'; parsed: ParsedRow; problem: RowProblem };

function decide(
  rows: ParsedRow[],
  existing: Map<string, ExistingEnterprise>,
  today: string,
  labelOf: (field: MemberField) => string,
): Decision[] {
  return rows.map((parsed): Decision => {
    const input = parsed.input!;
    const found = existing.get(input.uscc);
    if (!found) return { verdict: 'create', parsed, input };
    if (found.row.mergedIntoId) {
      return {
        verdict: 'reject',
        parsed,
        problem: {
          field: null,
          message: '该统一社会信用代码属于已合并的重复记录，请在名册中核对合并后的企业',
        },
      };
    }
    if (!found.writable) {
      return { verdict: 'reject', parsed, problem: { field: null, message: '该企业已由其他单位登记' } };
    }
    const plan = planUpdate(found, input, today, labelOf);
    return plan ? { verdict: 'update', parsed, plan } : { verdict: 'unchanged', parsed };
  });
}

/** Writes one batch's decisions inside its transaction: inserts in bulk, updates one by one, then the audit. */
async function writeDecisions(b: BatchContext, tx: Tx, decisions: Decision[]): Promise<void> {
  const { ctx, today } = b;
  const creates = decisions.filter((d) => d.verdict === 'create');
  const ids = await insertEnterprises(
    tx,
    creates.map((d) => ({ ...d.input, orgUnitId: b.orgUnitId })),
    { actorId: b.actor.userId, today },
  );
  const updates = decisions.filter((d) => d.verdict === 'update');
  for (const { plan } of updates) await applyUpdate(b, tx, plan);
  // The audit chain's lock is taken last, so it is held only for the commit, not the whole batch.
  if (creates.length > 0) {
    await ctx.audit.record(tx, b.audit, {
      action: 'enterprise.imported',
      objectType: 'job',
      objectId: b.jobId,
      detail: {
        fileName: b.fileName,
        orgUnitId: b.orgUnitId,
        created: creates.map((d, i) => ({
          id: ids[i],
          uscc: d.input.uscc,
          name: d.input.name,
          row: d.parsed.row,
        })),
      },
    });
  }
  for (const { plan, parsed } of updates) {
    const contact = plan.contact;
    await ctx.audit.record(tx, b.audit, {
      action: 'enterprise.updated',
      objectType: 'enterprise',
      objectId: plan.existing.row.id,
      detail: {
        before: {
          ...plan.diff?.before,
          ...(contact?.kind === 'update' ? { contact: auditedContacts([contact.before])[0] } : {}),
        },
        after: { ...plan.diff?.after, ...(contact ? { contact: auditedContacts([contact.after])[0] } : {}) },
        import: { jobId: b.jobId, fileName: b.fileName, row: parsed.row },
      },
    });
  }
}

/** One update: the changed fields (a changed contact counts: the version moves either way), history, contact. */
async function applyUpdate(b: BatchContext, tx: Tx, plan: UpdatePlan) {
  const { ctx, today } = b;
  const current = plan.existing.row;
  const { next } = plan;
  const keys =
    next.name !== undefined || next.formerNames !== undefined
      ? searchKeysOf(next.name ?? current.name, next.formerNames ?? current.formerNames)
      : {};
  await updateEnterpriseRow(tx, current.id, { ...next, ...keys }, ctx.clock.now());
  if (next.membershipStatus) {
    await insertStatusChanges(
      tx,
      [
        {
          enterpriseId: current.id,
          fromStatus: current.membershipStatus,
          toStatus: next.membershipStatus,
          reason: next.membershipStatusReason ?? null,
          changedOn: next.membershipStatusOn ?? today,
        },
      ],
      b.actor.userId,
    );
  }
  const contact = plan.contact;
  if (contact?.kind === 'insert') {
    await insertContacts(tx, [
      { enterpriseId: current.id, ...contact.after, isPrimary: contact.isPrimary, sort: contact.sort },
    ]);
  } else if (contact) {
    await updateContact(tx, contact.id, { position: contact.after.position, mobile: contact.after.mobile });
  }
}

function outcomes(decisions: Decision[]): RowOutcome<MemberInput>[] {
  return decisions.map((decision) => ({
    parsed: decision.parsed,
    verdict: decision.verdict,
    problems: decision.verdict === 'reject' ? [decision.problem] : [],
    changed: decision.verdict === 'update' ? decision.plan.changed : [],
  }));
}

export const enterpriseImport: ImportKind<MemberInput, null> = {
  id: 'enterprises',
  jobKind: 'enterprise_import',
  columnSet: MEMBER_COLUMN_SET,
  template: {
    sheetName: '会员名册',
    columns: MEMBER_COLUMNS,
    lists: {
      size: ['大', '中', '小', '微'],
      membershipType: ['企业会员', '个人会员', '团体会员'],
      membershipStatus: ['申请中', '正常', '暂停', '退会'],
    },
    textFields: new Set(['uscc', 'industryCode', 'divisionCode', 'mobile']),
    lines: [
      '按统一社会信用代码识别企业：已登记的企业按文件更新（空白单元格不修改原值），未登记的新增；同一文件中重复的企业只导入第一行。',
      '表头可用常见写法，如“信用代码”“名称”“法人”“地址”“联系电话”；不认识的列（如“序号”“备注”）会被忽略。',
    ],
  },
  templateFileName: { ascii: 'member-import-template.xlsx', zh: '会员导入模板.xlsx' },
  placesUnderOrgUnit: true,
  // A chamber secretary has no registry.import; the route refuses them before this.
  mayImport: managesRegistryRecords,
  noun: '家企业',
  batchRows: IMPORT_BATCH_ROWS,
  // Three: while one batch waits for another's commit (the member rollups and the audit chain are shared
  // rows), a third is already inserting its enterprises. Their credit codes differ (duplicates were
  // rejected), so the transactions never wait for each other's rows.
  batchesInFlight: 3,
  readRow(row, cells, columns, today) {
    const parsed = parseMemberRow(row, cells, columns as Parameters<typeof parseMemberRow>[2], today);
    // A row with a good code and other problems still claims it: a later row with the code is a duplicate.
    const key = parsed.uscc && usccProblem(parsed.uscc) === null ? parsed.uscc : undefined;
    return { ...parsed, key };
  },
  duplicateMessage: (first) => `与第 ${first} 行是同一企业（统一社会信用代码相同），本行未导入`,
  newState: () => null,
  async processBatch(b, rows) {
    const usccs = rows.map((row) => row.input!.uscc);
    const labelOf = (field: MemberField) => b.labelOf(field);
    if (b.dryRun) {
      const existing = await existingByUscc(b.ctx.database.db, b.actor, usccs, false);
      return outcomes(decide(rows, existing, b.today, labelOf));
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return outcomes(
          await b.ctx.database.db.transaction(async (tx) => {
            const existing = await existingByUscc(tx, b.actor, usccs, true);
            const decided = decide(rows, existing, b.today, labelOf);
            await writeDecisions(b, tx, decided);
            return decided;
          }),
        );
      } catch (error) {
        // Someone registered one of these codes between our look-up and insert: look again.
        if (attempt < UNIQUE_RETRIES && violatesUniqueIndex(error, 'enterprises_uscc_key')) continue;
        throw error;
      }
    }
  },
  finishedAction: 'enterprise.import_finished',
};
