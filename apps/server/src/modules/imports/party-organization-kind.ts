// 党组织导入 the party organization import kind: a row names the organization, its form and its owner —
// an enterprise by credit code or a chamber by name (or code), exactly one. The registry has no code for a
// party organization, so it is known by its name within its owner's org unit: found → empty cells change
// nothing, a changed form, secretary, member count or founding date updates it (version bumped, audited);
// found under another owner → rejected (an import never moves one); not found → recorded. Staff only.
import {
  PARTY_ORGANIZATION_FORM_LABELS,
  updatePartyOrganizationRequest,
  type PartyOrganizationForm,
} from '@qinqing/shared';
import { managesRegistryRecords } from '../../core/access/registry-scope.ts';
import { changes } from '../../core/audit/audit-log.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import { ColumnSet, type ImportColumn } from './columns.ts';
import type { BatchContext, ImportKind, KindRow, RowOutcome, RowProblem } from './kind.ts';
import {
  enterprisesByUscc,
  insertPartyOrganizations,
  partyOrganizationsNamed,
  partyOwnerScope,
  updatePartyOrganizationFields,
  writableChambersNamed,
  type PartyOrganizationRecord,
} from './repository.ts';
import { choices, RowReader } from './row-reader.ts';

type PartyField =
  'name' | 'form' | 'enterpriseUscc' | 'chamber' | 'secretaryName' | 'memberCount' | 'foundedOn';

const COLUMNS: readonly ImportColumn<PartyField>[] = [
  {
    field: 'name',
    header: '党组织名称',
    aliases: ['党组织', '组织名称', '党支部名称', '名称'],
    required: true,
    example: '示例市东湖智能科技有限公司党支部',
    note: '必填；同一单位内据此识别党组织，再次导入时按名称更新',
    width: 34,
  },
  {
    field: 'form',
    header: '组织形式',
    aliases: ['党组织形式', '组织类型', '党组织类型'],
    required: true,
    example: '独立党支部',
    note: `必填：${Object.values(PARTY_ORGANIZATION_FORM_LABELS).join('、')}`,
    width: 14,
  },
  {
    field: 'enterpriseUscc',
    header: '所属企业统一社会信用代码',
    aliases: ['所属企业信用代码', '企业统一社会信用代码', '统一社会信用代码', '信用代码'],
    example: '91110105MA0000000Y',
    note: '党组织建在企业的，填写企业代码（企业须已在名册中）；与“所属商会”二者填一',
    width: 24,
  },
  {
    field: 'chamber',
    header: '所属商会',
    aliases: ['商会名称', '商会', '所属商会（协会）', '所属协会'],
    example: '',
    note: '党组织建在商会（协会）的，填写商会名称或编码；与“所属企业统一社会信用代码”二者填一',
    width: 20,
  },
  {
    field: 'secretaryName',
    header: '书记',
    aliases: ['党组织书记', '书记姓名', '党建指导员', '负责人'],
    example: '王示例',
    note: '组织形式为党建指导员时，填写党建指导员姓名',
    width: 10,
  },
  {
    field: 'memberCount',
    header: '党员人数',
    aliases: ['党员数', '党员数量'],
    example: 5,
    note: '整数',
    width: 10,
  },
  {
    field: 'foundedOn',
    header: '成立日期',
    aliases: ['成立时间', '建立日期'],
    example: '2020-07-01',
    note: '如 2020-07-01',
    width: 12,
  },
];

const COLUMN_SET = new ColumnSet<PartyField>(COLUMNS, ['name']);
const EXAMPLE_NAME = String(COLUMNS[0]!.example);
const FORMS = choices<PartyOrganizationForm>(
  Object.fromEntries(
    Object.entries(PARTY_ORGANIZATION_FORM_LABELS).map(([form, label]) => [form, [label]]),
  ) as Record<PartyOrganizationForm, string[]>,
);
const partyFields = updatePartyOrganizationRequest.omit({ version: true });

export interface PartyInput {
  name: string;
  form: PartyOrganizationForm;
  owner: { uscc: string } | { chamber: string };
  secretaryName?: string;
  memberCount?: number;
  foundedOn?: string;
}

function readPartyRow(
  rowNumber: number,
  cells: Parameters<ImportKind['readRow']>[1],
  columns: Parameters<ImportKind['readRow']>[2],
  today: string,
): KindRow<PartyInput> {
  const r = new RowReader<PartyField>(rowNumber, cells, columns, COLUMN_SET);
  const name = r.required('name');
  const form = r.choice('form', FORMS, Object.values(PARTY_ORGANIZATION_FORM_LABELS).join('、'));
  if (form === undefined && !r.hasProblem('form')) r.required('form');
  const uscc = r.uscc('enterpriseUscc');
  const chamber = r.text('chamber');
  if (!r.hasProblem('enterpriseUscc')) {
    if (uscc === undefined && chamber === undefined)
      r.problem('enterpriseUscc', '请填写所属企业的统一社会信用代码或所属商会（二者填一）');
    if (uscc !== undefined && chamber !== undefined) r.problem('chamber', '所属企业和所属商会只能填一项');
  }
  const candidate: Record<string, unknown> = {};
  if (name !== undefined) candidate.name = name;
  if (form !== undefined) candidate.form = form;
  const secretaryName = r.text('secretaryName');
  if (secretaryName !== undefined) candidate.secretaryName = secretaryName;
  const memberCount = r.integer('memberCount');
  if (memberCount !== undefined) candidate.memberCount = memberCount;
  const foundedOn = r.date('foundedOn', today);
  if (foundedOn !== undefined) candidate.foundedOn = foundedOn;
  const fields = r.check(partyFields, candidate);
  if (name === EXAMPLE_NAME) r.problem(null, '这是导入模板中的示例行，请删除后再导入');
  return {
    row: rowNumber,
    display: r.display,
    name: name ?? null,
    uscc: uscc ?? null,
    key: name,
    input:
      r.valid && fields && name && form
        ? {
            name,
            form,
            owner: uscc ? { uscc } : { chamber: chamber! },
            ...(secretaryName !== undefined ? { secretaryName } : {}),
            ...(memberCount !== undefined ? { memberCount } : {}),
            ...(foundedOn !== undefined ? { foundedOn } : {}),
          }
        : undefined,
    problems: r.problems,
  };
}

interface Owner {
  enterpriseId: string | null;
  chamberId: string | null;
  orgUnitId: string;
  name: string;
}

type Decision =
  | { verdict: 'create'; parsed: KindRow<PartyInput>; owner: Owner }
  | {
      verdict: 'update';
      parsed: KindRow<PartyInput>;
      current: PartyOrganizationRecord;
      patch: Partial<PartyOrganizationRecord>;
      diff: ReturnType<typeof changes>;
      changed: string[];
    }
  | { verdict: 'unchanged'; parsed: KindRow<PartyInput> }
  | { verdict: 'reject'; parsed: KindRow<PartyInput>; problem: RowProblem };

const CHANGE_FIELDS = ['form', 'secretaryName', 'memberCount', 'foundedOn'] as const;

async function decide(
  b: BatchContext,
  db: DbOrTx,
  rows: KindRow<PartyInput>[],
  lock: boolean,
): Promise<Decision[]> {
  const label = (field: PartyField) => b.labelOf(field);
  const usccs = rows.flatMap(({ input }) => ('uscc' in input!.owner ? [input!.owner.uscc] : []));
  const chamberTexts = rows.flatMap(({ input }) => ('chamber' in input!.owner ? [input!.owner.chamber] : []));
  const enterprises = await enterprisesByUscc(db, usccs, partyOwnerScope(b.actor));
  const chambers = await writableChambersNamed(db, b.actor, chamberTexts);
  const owners = new Map<KindRow<PartyInput>, Owner | RowProblem>();
  for (const parsed of rows) {
    const owner = parsed.input!.owner;
    if ('uscc' in owner) {
      const enterprise = enterprises.get(owner.uscc);
      owners.set(
        parsed,
        !enterprise
          ? {
              field: label('enterpriseUscc'),
              message: '名册中没有这个统一社会信用代码的企业，或该企业不在您的管理范围内；请先导入企业',
            }
          : enterprise.mergedIntoId
            ? {
                field: label('enterpriseUscc'),
                message: '该统一社会信用代码属于已合并的重复记录，请在名册中核对合并后的企业',
              }
            : {
                enterpriseId: enterprise.id,
                chamberId: null,
                orgUnitId: enterprise.orgUnitId,
                name: enterprise.name,
              },
      );
    } else {
      const byName = chambers.filter((c) => c.name === owner.chamber);
      const found = byName.length > 0 ? byName : chambers.filter((c) => c.code === owner.chamber);
      owners.set(
        parsed,
        found.length === 1
          ? { enterpriseId: null, chamberId: found[0]!.id, orgUnitId: found[0]!.id, name: found[0]!.name }
          : {
              field: label('chamber'),
              message:
                found.length > 1
                  ? `有 ${found.length} 个商会名为“${owner.chamber}”，请改填商会编码`
                  : `商会“${owner.chamber}”不存在或不在您的管理范围内`,
            },
      );
    }
  }
  const placed = [...owners.values()].filter((o): o is Owner => 'orgUnitId' in o);
  const existing = await partyOrganizationsNamed(
    db,
    rows.map((row) => row.input!.name),
    placed.map((o) => o.orgUnitId),
    lock,
  );
  return rows.map((parsed): Decision => {
    const owner = owners.get(parsed)!;
    if (!('orgUnitId' in owner)) return { verdict: 'reject', parsed, problem: owner };
    const input = parsed.input!;
    const current = existing.find((p) => p.name === input.name && p.orgUnitId === owner.orgUnitId);
    if (!current) return { verdict: 'create', parsed, owner };
    if (current.enterpriseId !== owner.enterpriseId || current.chamberId !== owner.chamberId) {
      return {
        verdict: 'reject',
        parsed,
        problem: {
          field: label('name'),
          message:
            '同一单位内已有同名党组织，属于另一企业或商会；导入不改变党组织的所属单位，请核对名称或在党组织页面修改',
        },
      };
    }
    const patch: Partial<PartyOrganizationRecord> = {};
    for (const key of CHANGE_FIELDS) {
      const value = input[key];
      if (value !== undefined && value !== current[key]) (patch as Record<string, unknown>)[key] = value;
    }
    const diff = changes(current as Record<string, unknown>, patch as Record<string, unknown>);
    if (!diff) return { verdict: 'unchanged', parsed };
    const changed = Object.keys(diff.after).map((key) => label(key as PartyField));
    return { verdict: 'update', parsed, current, patch, diff, changed };
  });
}

async function write(b: BatchContext, tx: Tx, decisions: Decision[]): Promise<void> {
  const creates = decisions.filter((d) => d.verdict === 'create');
  const values = creates.map(({ parsed, owner }) => ({
    orgUnitId: owner.orgUnitId,
    enterpriseId: owner.enterpriseId,
    chamberId: owner.chamberId,
    name: parsed.input!.name,
    form: parsed.input!.form,
    secretaryName: parsed.input!.secretaryName || null,
    memberCount: parsed.input!.memberCount ?? 0,
    foundedOn: parsed.input!.foundedOn ?? null,
  }));
  const ids = await insertPartyOrganizations(tx, values);
  const updates = decisions.filter((d) => d.verdict === 'update');
  const now = b.ctx.clock.now();
  for (const d of updates) await updatePartyOrganizationFields(tx, d.current.id, d.patch, now);
  if (creates.length > 0) {
    await b.ctx.audit.record(tx, b.audit, {
      action: 'party_organization.imported',
      objectType: 'job',
      objectId: b.jobId,
      detail: {
        fileName: b.fileName,
        created: creates.map((d, i) => ({
          id: ids[i],
          row: d.parsed.row,
          owner: { enterpriseId: d.owner.enterpriseId, chamberId: d.owner.chamberId, name: d.owner.name },
          ...values[i],
        })),
      },
    });
  }
  for (const d of updates) {
    await b.ctx.audit.record(tx, b.audit, {
      action: 'party_organization.updated',
      objectType: 'party_organization',
      objectId: d.current.id,
      detail: {
        ...d.diff,
        import: { jobId: b.jobId, fileName: b.fileName, row: d.parsed.row },
      },
    });
  }
}

function outcomes(decisions: Decision[]): RowOutcome<PartyInput>[] {
  return decisions.map((d) => ({
    parsed: d.parsed,
    verdict: d.verdict,
    problems: d.verdict === 'reject' ? [d.problem] : [],
    changed: d.verdict === 'update' ? d.changed : [],
  }));
}

export const partyOrganizationImport: ImportKind<PartyInput, null> = {
  id: 'partyOrganizations',
  jobKind: 'party_organization_import',
  columnSet: COLUMN_SET,
  template: {
    sheetName: '党组织',
    columns: COLUMNS,
    lists: { form: Object.values(PARTY_ORGANIZATION_FORM_LABELS) },
    textFields: new Set(['enterpriseUscc']),
    lines: [
      '按党组织名称在所属企业或商会的单位内识别：已登记的按文件更新（空白单元格不修改原值），未登记的新增；同一文件中名称重复的只导入第一行。',
      '所属企业须已在名册中；导入不改变已有党组织的所属单位。',
    ],
  },
  templateFileName: { ascii: 'party-organization-import-template.xlsx', zh: '党组织导入模板.xlsx' },
  placesUnderOrgUnit: false,
  mayImport: managesRegistryRecords,
  noun: '个党组织',
  batchRows: 500,
  batchesInFlight: 1,
  readRow: readPartyRow,
  duplicateMessage: (first) => `与第 ${first} 行党组织名称相同，本行未导入`,
  newState: () => null,
  async processBatch(b, rows) {
    if (b.dryRun) return outcomes(await decide(b, b.ctx.database.db, rows, false));
    return outcomes(
      await b.ctx.database.db.transaction(async (tx) => {
        const decisions = await decide(b, tx, rows, true);
        await write(b, tx, decisions);
        return decisions;
      }),
    );
  },
  finishedAction: 'party_organization.import_finished',
};
