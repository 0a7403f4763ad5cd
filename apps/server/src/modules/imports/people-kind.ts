// 代表人士导入 the people import kind. A person is known by name and mobile, or — without a number on one
// side — by name and a position in the same enterprise (the registry has no ID numbers); a row naming
// neither is rejected, since a second import could not find its person again. Found → empty cells change
// nothing, a changed field updates the person (version bumped, audited with before and after), a position
// is only ever added; not found → created under the import's federation unit. Staff only, in their subtree.
import {
  createPersonRequest,
  FEDERATION_ROLES,
  POLITICAL_AFFILIATION_LABELS,
  maskMobile,
  type CreatePersonRequest,
  type PoliticalAffiliation,
} from '@qinqing/shared';
import { managesRegistryRecords } from '../../core/access/registry-scope.ts';
import { changes } from '../../core/audit/audit-log.ts';
import type { Tx } from '../../db/connection.ts';
import { insertPerson, insertPositions, updatePersonRow, type PersonRow } from '../people/repository.ts';
import { searchKeysOf } from '../../core/search/search-keys.ts';
import { ColumnSet, type ImportColumn } from './columns.ts';
import type { BatchContext, ImportKind, KindRow, RowOutcome, RowProblem } from './kind.ts';
import {
  enterprisesByUscc,
  peopleNamed,
  positionEnterpriseScope,
  type NamedEnterprise,
  type PersonWithPositions,
} from './repository.ts';
import { choices, RowReader } from './row-reader.ts';

type PersonField =
  | 'name'
  | 'gender'
  | 'birthYear'
  | 'politicalAffiliation'
  | 'npcLevel'
  | 'cppccLevel'
  | 'mobile'
  | 'email'
  | 'enterpriseUscc'
  | 'position';

const COLUMNS: readonly ImportColumn<PersonField>[] = [
  {
    field: 'name',
    header: '姓名',
    aliases: ['人员姓名', '人士姓名', '代表人士姓名', '名字'],
    required: true,
    example: '李示例',
    note: '必填',
    width: 12,
  },
  { field: 'gender', header: '性别', aliases: [], example: '男', note: '男或女', width: 8 },
  {
    field: 'birthYear',
    header: '出生年份',
    aliases: ['出生年', '出生年月', '出生日期'],
    example: 1978,
    note: '四位年份，如 1978；写出生日期（1978-05-01）也可，只取年份',
    width: 10,
  },
  {
    field: 'politicalAffiliation',
    header: '政治面貌',
    aliases: ['党派'],
    example: '中共党员',
    note: '中共党员、民革、民盟、民建、民进、农工党、致公党、九三学社、台盟、群众；不填为群众',
    width: 12,
  },
  {
    field: 'npcLevel',
    header: '人大代表',
    aliases: ['人大代表层级', '人大代表级别'],
    example: '',
    note: '是哪一级人大代表：全国、省、市、区县、乡镇；不是则不填',
    width: 10,
  },
  {
    field: 'cppccLevel',
    header: '政协委员',
    aliases: ['政协委员层级', '政协委员级别'],
    example: '区县',
    note: '是哪一级政协委员：全国、省、市、区县；不是则不填',
    width: 10,
  },
  {
    field: 'mobile',
    header: '手机',
    aliases: ['手机号码', '手机号', '联系电话', '移动电话', '联系方式'],
    example: '13900139000',
    note: '11 位手机号；与姓名一起识别人员（导出文件中脱敏的号码 139****9000 导入时忽略）',
    width: 14,
  },
  {
    field: 'email',
    header: '电子邮箱',
    aliases: ['邮箱', 'email', 'e-mail'],
    example: '',
    note: '',
    width: 20,
  },
  {
    field: 'enterpriseUscc',
    header: '任职企业统一社会信用代码',
    aliases: ['任职企业信用代码', '企业统一社会信用代码', '统一社会信用代码', '信用代码'],
    example: '91110105MA0000000Y',
    note: '所任职企业的统一社会信用代码（须已在名册中）；没有手机号时，与姓名一起识别人员',
    width: 24,
  },
  {
    field: 'position',
    header: '企业职务',
    aliases: ['职务', '任职', '企业内职务'],
    example: '董事长',
    note: '在该企业担任的职务，与“任职企业统一社会信用代码”一起填写；导入只增加职务，不删除已有职务',
    width: 14,
  },
];

const COLUMN_SET = new ColumnSet<PersonField>(COLUMNS, ['name']);
const EXAMPLE_NAME = String(COLUMNS[0]!.example);
const EXAMPLE_MOBILE = String(COLUMNS.find((c) => c.field === 'mobile')!.example);

const GENDERS = choices({ male: ['男', '男性'], female: ['女', '女性'] });
const AFFILIATIONS = choices<PoliticalAffiliation>({
  ...(Object.fromEntries(
    Object.entries(POLITICAL_AFFILIATION_LABELS).map(([value, label]) => [value, [label]]),
  ) as Record<PoliticalAffiliation, string[]>),
  cpc: ['中共党员', '中共', '党员', '共产党员', '中国共产党党员', '预备党员', '中共预备党员'],
  none: ['群众', '无党派', '无党派人士', '无'],
});
const NPC_LEVELS = choices({
  national: ['全国', '全国人大代表', '国家'],
  province: ['省', '省级', '省人大代表'],
  city: ['市', '市级', '市人大代表'],
  district: ['区县', '区', '县', '区级', '县级', '区县级', '区人大代表', '县人大代表'],
  township: ['乡镇', '乡', '镇', '街道', '乡镇级'],
});
const CPPCC_LEVELS = choices({
  national: ['全国', '全国政协委员', '国家'],
  province: ['省', '省级', '省政协委员'],
  city: ['市', '市级', '市政协委员'],
  district: ['区县', '区', '县', '区级', '县级', '区县级', '区政协委员', '县政协委员'],
});

const personInput = createPersonRequest.pick({
  name: true,
  gender: true,
  birthYear: true,
  politicalAffiliation: true,
  npcLevel: true,
  cppccLevel: true,
  mobile: true,
  email: true,
});

type PersonFields = Omit<CreatePersonRequest, 'positions' | 'federationRoles' | 'orgUnitId'>;

export interface PersonInput {
  fields: PersonFields;
  position?: { uscc: string; position: string };
}

function readPersonRow(
  rowNumber: number,
  cells: Parameters<ImportKind['readRow']>[1],
  columns: Parameters<ImportKind['readRow']>[2],
  today: string,
): KindRow<PersonInput> {
  const r = new RowReader<PersonField>(rowNumber, cells, columns, COLUMN_SET);
  const candidate: Record<string, unknown> = {};
  const name = r.required('name');
  if (name !== undefined) candidate.name = name;
  const gender = r.choice('gender', GENDERS, '男、女');
  if (gender) candidate.gender = gender;
  const birth = r.text('birthYear');
  if (birth !== undefined) {
    const year = /^(\d{4})(?:\D|$)/.exec(birth)?.[1];
    if (!year) r.problem('birthYear', `应为四位年份，如 1978（填写的是“${birth}”）`);
    else if (Number(year) > Number(today.slice(0, 4))) r.problem('birthYear', '出生年份不能晚于今年');
    else candidate.birthYear = Number(year);
  }
  const affiliation = r.choice(
    'politicalAffiliation',
    AFFILIATIONS,
    Object.values(POLITICAL_AFFILIATION_LABELS).join('、'),
  );
  if (affiliation) candidate.politicalAffiliation = affiliation;
  const npc = r.choice('npcLevel', NPC_LEVELS, '全国、省、市、区县、乡镇');
  if (npc) candidate.npcLevel = npc;
  const cppcc = r.choice('cppccLevel', CPPCC_LEVELS, '全国、省、市、区县');
  if (cppcc) candidate.cppccLevel = cppcc;
  const mobile = r.mobile('mobile');
  if (mobile) candidate.mobile = mobile;
  const email = r.text('email');
  if (email !== undefined) candidate.email = email;
  const uscc = r.uscc('enterpriseUscc');
  const position = r.text('position');
  if (position !== undefined && uscc === undefined && !r.hasProblem('enterpriseUscc'))
    r.problem('enterpriseUscc', '填写了企业职务，但没有填写任职企业的统一社会信用代码');
  if (uscc !== undefined && position === undefined) r.problem('position', '填写了任职企业，请同时填写职务');
  if (position !== undefined && position.length > 50) r.problem('position', '不能超过 50 个字');
  const fields = r.check(personInput, candidate);
  if (name === EXAMPLE_NAME && mobile === EXAMPLE_MOBILE)
    r.problem(null, '这是导入模板中的示例行，请删除后再导入');
  if (name !== undefined && mobile === undefined && uscc === undefined && r.valid) {
    r.problem(null, '请填写手机或任职企业的统一社会信用代码：再次导入时据此认出同一人士，不会重复登记');
  }
  // Same name and number, or (without a number) same name and enterprise: the same person.
  const key =
    name === undefined ? undefined : mobile ? `m:${name}:${mobile}` : uscc ? `e:${name}:${uscc}` : undefined;
  return {
    row: rowNumber,
    display: r.display,
    name: name ?? null,
    uscc: uscc ?? null,
    key,
    input:
      r.valid && fields
        ? { fields, ...(uscc && position ? { position: { uscc, position } } : {}) }
        : undefined,
    problems: r.problems,
  };
}

const CHANGE_FIELDS = [
  'gender',
  'birthYear',
  'politicalAffiliation',
  'npcLevel',
  'cppccLevel',
  'mobile',
  'email',
] as const satisfies readonly (keyof PersonRow & PersonField)[];

/** The person a row names: one match, none, or more than one (then the row needs a mobile to tell them apart). */
function matchPerson(
  input: PersonInput,
  enterpriseId: string | undefined,
  candidates: PersonWithPositions[],
): PersonWithPositions[] {
  const { name, mobile } = input.fields;
  return candidates.filter(({ row, positions }) => {
    if (row.name !== name) return false;
    if (mobile && row.mobile) return mobile === row.mobile;
    return enterpriseId !== undefined && positions.some((p) => p.enterpriseId === enterpriseId);
  });
}

interface PersonPlan {
  person: PersonWithPositions;
  patch: Partial<PersonRow>;
  diff: ReturnType<typeof changes>;
  newPosition?: { enterpriseId: string; position: string };
  changed: string[];
}

type Decision =
  | { verdict: 'create'; parsed: KindRow<PersonInput>; enterprise?: NamedEnterprise }
  | { verdict: 'update'; parsed: KindRow<PersonInput>; plan: PersonPlan }
  | { verdict: 'unchanged'; parsed: KindRow<PersonInput> }
  | { verdict: 'reject'; parsed: KindRow<PersonInput>; problem: RowProblem };

/** Across a job's batches: the row that first named each person (a later row naming them another way is a duplicate). */
type PeopleState = Map<string, number>;

function decide(
  b: BatchContext,
  rows: KindRow<PersonInput>[],
  enterprisesFound: Map<string, NamedEnterprise>,
  candidates: PersonWithPositions[],
  claimed: PeopleState,
): Decision[] {
  const label = (field: PersonField) => b.labelOf(field);
  return rows.map((parsed): Decision => {
    const input = parsed.input!;
    let enterprise: NamedEnterprise | undefined;
    if (input.position) {
      enterprise = enterprisesFound.get(input.position.uscc);
      if (!enterprise) {
        return {
          verdict: 'reject',
          parsed,
          problem: {
            field: label('enterpriseUscc'),
            message: '名册中没有这个统一社会信用代码的企业，或该企业不在您的管理范围内；请先导入企业',
          },
        };
      }
    }
    const all = matchPerson(input, enterprise?.id, candidates);
    // People an earlier row of the file named are not this row's, unless nobody else fits.
    const unclaimed = all.filter((m) => (claimed.get(m.row.id) ?? parsed.row) === parsed.row);
    const matches = all.length > 1 && unclaimed.length === 1 ? unclaimed : all;
    if (matches.length > 1) {
      return {
        verdict: 'reject',
        parsed,
        problem: {
          field: label('mobile'),
          message: `名册中有 ${matches.length} 位同名人士与本行相符，请填写手机号以区分`,
        },
      };
    }
    const person = matches[0];
    if (!person) return { verdict: 'create', parsed, enterprise };
    const first = claimed.get(person.row.id);
    if (first !== undefined && first !== parsed.row) {
      return {
        verdict: 'reject',
        parsed,
        problem: { field: null, message: `与第 ${first} 行是同一人士，本行未导入` },
      };
    }
    claimed.set(person.row.id, parsed.row);
    const current = person.row;
    const patch: Partial<PersonRow> = {};
    for (const key of CHANGE_FIELDS) {
      const value = input.fields[key];
      // An empty cell keeps what is stored.
      if (value !== undefined && value !== null && value !== '' && value !== current[key])
        (patch as Record<string, unknown>)[key] = value;
    }
    const diff = changes(current as Record<string, unknown>, patch as Record<string, unknown>);
    const changed = Object.keys(diff?.after ?? {}).map((key) => label(key as PersonField));
    const newPosition =
      enterprise && input.position
        ? person.positions.some(
            (p) => p.enterpriseId === enterprise.id && p.position === input.position!.position,
          )
          ? undefined
          : { enterpriseId: enterprise.id, position: input.position.position }
        : undefined;
    if (newPosition) changed.push(label('position'));
    if (!diff && !newPosition) return { verdict: 'unchanged', parsed };
    return { verdict: 'update', parsed, plan: { person, patch, diff, newPosition, changed } };
  });
}

/** The fields as the audit log keeps them: the number masked. */
function audited(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...fields };
  if (typeof copy.mobile === 'string') copy.mobile = maskMobile(copy.mobile);
  return copy;
}

async function write(b: BatchContext, tx: Tx, decisions: Decision[]): Promise<void> {
  const now = b.ctx.clock.now();
  const created: Record<string, unknown>[] = [];
  for (const decision of decisions) {
    if (decision.verdict !== 'create') continue;
    const { fields, position } = decision.parsed.input!;
    const values = {
      orgUnitId: b.orgUnitId,
      name: fields.name,
      gender: fields.gender ?? null,
      birthYear: fields.birthYear ?? null,
      politicalAffiliation: fields.politicalAffiliation ?? 'none',
      npcLevel: fields.npcLevel ?? null,
      cppccLevel: fields.cppccLevel ?? null,
      mobile: fields.mobile ?? null,
      email: fields.email || null,
    };
    const id = await insertPerson(tx, { ...values, ...searchKeysOf(fields.name) });
    if (position && decision.enterprise) {
      await insertPositions(tx, [
        { personId: id, enterpriseId: decision.enterprise.id, position: position.position },
      ]);
    }
    created.push({
      id,
      row: decision.parsed.row,
      ...audited(values),
      ...(position && decision.enterprise
        ? { positions: [{ enterpriseId: decision.enterprise.id, position: position.position }] }
        : {}),
    });
  }
  const updates = decisions.filter((d) => d.verdict === 'update');
  for (const { plan } of updates) {
    const { row } = plan.person;
    const keys = plan.patch.name !== undefined ? searchKeysOf(plan.patch.name) : {};
    // The row is locked: its version cannot have moved since it was read.
    await updatePersonRow(tx, row.id, row.version, { ...plan.patch, ...keys }, now);
    if (plan.newPosition) await insertPositions(tx, [{ personId: row.id, ...plan.newPosition }]);
  }
  // The audit chain's lock is taken last, so it is held only for the commit, not the whole batch.
  if (created.length > 0) {
    await b.ctx.audit.record(tx, b.audit, {
      action: 'person.imported',
      objectType: 'job',
      objectId: b.jobId,
      detail: { fileName: b.fileName, orgUnitId: b.orgUnitId, created },
    });
  }
  for (const { plan, parsed } of updates) {
    await b.ctx.audit.record(tx, b.audit, {
      action: 'person.updated',
      objectType: 'person',
      objectId: plan.person.row.id,
      detail: {
        before: audited(plan.diff?.before),
        after: {
          ...audited(plan.diff?.after),
          ...(plan.newPosition ? { addedPosition: plan.newPosition } : {}),
        },
        import: { jobId: b.jobId, fileName: b.fileName, row: parsed.row },
      },
    });
  }
}

function outcomes(decisions: Decision[]): RowOutcome<PersonInput>[] {
  return decisions.map((d) => ({
    parsed: d.parsed,
    verdict: d.verdict,
    problems: d.verdict === 'reject' ? [d.problem] : [],
    changed: d.verdict === 'update' ? d.plan.changed : [],
  }));
}

export const peopleImport: ImportKind<PersonInput, PeopleState> = {
  id: 'people',
  jobKind: 'person_import',
  columnSet: COLUMN_SET,
  template: {
    sheetName: '代表人士',
    columns: COLUMNS,
    lists: {
      gender: ['男', '女'],
      politicalAffiliation: Object.values(POLITICAL_AFFILIATION_LABELS),
      npcLevel: ['全国', '省', '市', '区县', '乡镇'],
      cppccLevel: ['全国', '省', '市', '区县'],
    },
    textFields: new Set(['mobile', 'enterpriseUscc']),
    lines: [
      '按姓名和手机识别人士；没有手机号时，按姓名和任职企业识别。已登记的人士按文件更新（空白单元格不修改原值，职务只增不删），未登记的新增到导入时选择的工商联；同一文件中重复的人士只导入第一行。',
      `一人在多家企业任职时，可每家企业一行（姓名、手机相同）。工商联职务（${FEDERATION_ROLES.length} 种）请在人士页面维护。`,
    ],
  },
  templateFileName: { ascii: 'people-import-template.xlsx', zh: '代表人士导入模板.xlsx' },
  placesUnderOrgUnit: true,
  mayImport: managesRegistryRecords,
  noun: '位人士',
  batchRows: 500,
  // One after the other: two rows may name one person in two ways (number, enterprise).
  batchesInFlight: 1,
  readRow: readPersonRow,
  duplicateMessage: (first) => `与第 ${first} 行是同一人士（姓名和手机或任职企业相同），本行未导入`,
  newState: () => new Map(),
  async processBatch(b, rows, claimed) {
    const usccs = rows.flatMap((row) => (row.input!.position ? [row.input!.position.uscc] : []));
    const names = rows.map((row) => row.input!.fields.name);
    const run = async (db: Tx | typeof b.ctx.database.db, lock: boolean) => {
      const found = await enterprisesByUscc(db, usccs, positionEnterpriseScope(b.actor));
      const candidates = await peopleNamed(db, b.actor, names, lock);
      return decide(b, rows, found, candidates, claimed);
    };
    if (b.dryRun) return outcomes(await run(b.ctx.database.db, false));
    return outcomes(
      await b.ctx.database.db.transaction(async (tx) => {
        const decisions = await run(tx, true);
        await write(b, tx, decisions);
        return decisions;
      }),
    );
  },
  finishedAction: 'person.import_finished',
};
