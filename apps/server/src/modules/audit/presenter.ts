// What the audit administrator reads of a record: the action by name, the actor's name, the record by its
// business key and the detail as labelled fields with values in words — for a page or an export batch,
// with every name looked up in one query (repository.findKeyedRecords).
import {
  APPEAL_OUTCOME_LABELS,
  APPEAL_SOURCE_LABELS,
  APPEAL_STATE_LABELS,
  APPEAL_URGENCY_LABELS,
  AUDIT_ACTIONS,
  AUDIT_RESULT_LABELS,
  AUDIT_FIELD_LABELS,
  AUDIT_VALUE_LABELS,
  auditActionName,
  auditFieldLabel,
  auditObjectTypeName,
  CHAMBER_LEADER_ROLE_LABELS,
  CHAMBER_MEMBER_ROLE_LABELS,
  GENDER_LABELS,
  isAuditAction,
  MEMBERSHIP_STATUS_LABELS,
  MEMBERSHIP_TYPE_LABELS,
  ORG_UNIT_KIND_LABELS,
  PARTY_ORGANIZATION_FORM_LABELS,
  POLITICAL_AFFILIATION_LABELS,
  ROLE_LABELS,
  SATISFACTION_LABELS,
  VISIT_BROUGHT_LABELS,
  VISIT_KIND_LABELS,
  type AuditDetailField,
  type AuditEventView,
  type LocalizedText,
  type ReportType,
} from '@qinqing/shared';
import type { DbOrTx } from '../../db/connection.ts';
import { reportTitle } from '../reports/writing.ts';
import { findKeyedRecords, type AuditRow, type KeyedRecord, type KeyedType } from './repository.ts';

/** Detail keys that hold ids of other records, and what kind of record. */
const REFERENCES: Record<string, KeyedType> = {
  orgUnitId: 'org_unit',
  parentId: 'org_unit',
  departmentId: 'org_unit',
  departmentIds: 'org_unit',
  chamberId: 'org_unit',
  enterpriseId: 'enterprise',
  personId: 'person',
  planId: 'visit_plan',
  visitorIds: 'user',
  headUserId: 'user',
  appealId: 'appeal',
  appealIds: 'appeal',
  intoId: 'appeal',
  jobId: 'job',
};

/** The audit object types whose records are looked up, and in which table. */
const OBJECT_TABLES: Partial<Record<string, KeyedType>> = {
  user: 'user',
  session: 'session',
  org_unit: 'org_unit',
  chamber: 'org_unit',
  enterprise: 'enterprise',
  enterprise_contact: 'enterprise_contact',
  person: 'person',
  party_organization: 'party_organization',
  job: 'job',
  appeal: 'appeal',
  appeal_category: 'appeal_category',
  channel: 'channel',
  suggestion: 'suggestion',
  visit: 'visit',
  visit_plan: 'visit_plan',
  report: 'report',
};

/** Labels that depend on the action: the same key means another thing elsewhere. */
const FIELD_LABELS_BY_ACTION: Record<string, Record<string, LocalizedText>> = {
  'ledger.exported': {
    from: { zh: '起始日期', en: 'From' },
    to: { zh: '截止日期', en: 'To' },
    kind: { zh: '台账', en: 'Ledger' },
  },
};

type Words = Readonly<Record<string, string>>;

/** Which words name a detail's coded value, by key and, where the key is ambiguous, by action. */
function wordsFor(action: string, key: string): Words | undefined {
  const domain = action.slice(0, action.indexOf('.'));
  switch (key) {
    case 'from':
    case 'to':
      return domain === 'appeal' ? APPEAL_STATE_LABELS : undefined;
    case 'source':
      return APPEAL_SOURCE_LABELS;
    case 'urgency':
      return APPEAL_URGENCY_LABELS;
    case 'satisfaction':
      return SATISFACTION_LABELS;
    case 'outcome':
      return APPEAL_OUTCOME_LABELS;
    case 'via':
      return AUDIT_VALUE_LABELS.ratingChannel;
    case 'reason':
      return domain === 'auth' ? AUDIT_VALUE_LABELS.loginFailure : undefined;
    case 'type':
      return domain === 'report' ? AUDIT_VALUE_LABELS.reportType : undefined;
    case 'trigger':
      return AUDIT_VALUE_LABELS.reportTrigger;
    case 'status':
      return domain === 'visit' ? AUDIT_VALUE_LABELS.visitStatus : undefined;
    case 'kind':
      if (domain === 'ledger') return AUDIT_VALUE_LABELS.ledgerKind;
      if (domain === 'suggestion') return AUDIT_VALUE_LABELS.suggestionKind;
      if (domain === 'visit' || domain === 'visit_plan') return VISIT_KIND_LABELS;
      if (domain === 'org_unit' || domain === 'chamber') return zhOf(ORG_UNIT_KIND_LABELS);
      return undefined;
    case 'role':
      if (action.startsWith('chamber.member_')) return CHAMBER_MEMBER_ROLE_LABELS;
      if (action.startsWith('chamber.leader_')) return CHAMBER_LEADER_ROLE_LABELS;
      return undefined;
    case 'roles':
      return zhOf(ROLE_LABELS);
    case 'gender':
      return GENDER_LABELS;
    case 'politicalAffiliation':
      return POLITICAL_AFFILIATION_LABELS;
    case 'membershipType':
      return MEMBERSHIP_TYPE_LABELS;
    case 'membershipStatus':
      return MEMBERSHIP_STATUS_LABELS;
    case 'form':
      return PARTY_ORGANIZATION_FORM_LABELS;
    case 'brought':
      return VISIT_BROUGHT_LABELS;
    case 'result':
      return zhOf(AUDIT_RESULT_LABELS);
    default:
      return undefined;
  }
}

function zhOf(labels: Readonly<Record<string, LocalizedText>>): Words {
  return Object.fromEntries(Object.entries(labels).map(([code, text]) => [code, text.zh]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const EMPTY = '（空）';
/** Lists longer than this are cut, saying how many there were. */
const MAX_ITEMS = 10;

const shortId = (id: string) => `#${id.slice(0, 8)}`;

/** Beijing time, to the minute: how every time in the platform is shown. */
function beijingTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** Names the records of one page or batch: `lookup(type, id)` after `load`. */
class Names {
  private readonly wanted = new Map<KeyedType, Set<string>>();
  private readonly found = new Map<string, KeyedRecord>();

  want(type: KeyedType, id: string | null | undefined): void {
    if (!id) return;
    let ids = this.wanted.get(type);
    if (!ids) this.wanted.set(type, (ids = new Set()));
    ids.add(id);
  }

  async load(db: DbOrTx): Promise<void> {
    for (const record of await findKeyedRecords(db, this.wanted)) {
      this.found.set(`${record.type}:${record.id}`, record);
    }
  }

  lookup(type: KeyedType, id: string): KeyedRecord | undefined {
    return this.found.get(`${type}:${id}`);
  }
}

/** The business key people call a record by. */
function businessKey(record: KeyedRecord): string {
  switch (record.type) {
    case 'user':
      return record.extra ? `${record.key}（${record.extra}）` : record.key;
    case 'session':
      return `${record.key} 的登录会话`;
    case 'enterprise':
      return `${record.key}（${record.extra ?? ''}）`;
    case 'enterprise_contact':
      return `${record.key}（${record.extra ?? ''}）`;
    case 'appeal':
    case 'suggestion':
      return `${record.key} ${record.extra ?? ''}`.trim();
    case 'visit':
      return record.more ? `${record.key} ${record.more}` : record.key;
    case 'job':
      return `导入 ${record.key}`;
    case 'report': {
      const title = reportTitle(record.extra as ReportType, record.key, record.more ?? '');
      return record.revision ? `${title}（第 ${record.revision} 版）` : title;
    }
    default:
      return record.key;
  }
}

/** What a record's own detail says it was called, for a record that is gone. */
function keyFromDetail(detail: Record<string, unknown> | null): string | undefined {
  if (!detail) return undefined;
  const after = (detail.after ?? detail.before) as Record<string, unknown> | undefined;
  for (const candidate of [
    detail.number,
    detail.name,
    detail.enterpriseName,
    detail.personName,
    after?.username,
    after?.name,
    after?.number,
  ]) {
    if (typeof candidate === 'string' && candidate) return candidate;
  }
  return undefined;
}

/** Names for records that are not rows of their own. */
function fixedKey(type: string, id: string | null): string | undefined {
  switch (type) {
    case 'settings':
      return id === 'security' ? '安全设置' : (id ?? undefined);
    case 'working_calendar':
      return id ? `${id} 年` : undefined;
    case 'audit_log':
      return '审计日志';
    default:
      return undefined;
  }
}

/** The words of one value of a detail. */
function valueText(action: string, key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY;
    const items = value.slice(0, MAX_ITEMS).map((item) => valueText(action, key, item, names));
    return value.length > MAX_ITEMS ? `${items.join('、')} 等 ${value.length} 项` : items.join('、');
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number')
    return key === 'sizeBytes' ? `${(value / 1024).toFixed(1)} KB` : String(value);
  if (typeof value === 'object') return objectText(action, value as Record<string, unknown>, names);
  const text = String(value);
  const reference = REFERENCES[key];
  if (reference && UUID.test(text)) {
    const record = names.lookup(reference, text);
    return record ? businessKey(record) : shortId(text);
  }
  if (key === 'action' && isAuditAction(text)) return AUDIT_ACTIONS[text].zh;
  const words = wordsFor(action, key);
  if (words && Object.hasOwn(words, text)) return words[text]!;
  if (INSTANT.test(text)) return beijingTime(text);
  return text;
}

/** A nested object: by its name where it has one, else its fields in a line. */
function objectText(action: string, value: Record<string, unknown>, names: Names): string {
  if (typeof value.name === 'string') {
    return typeof value.uscc === 'string' ? `${value.name}（${value.uscc}）` : value.name;
  }
  const parts = Object.keys(value)
    .sort(inFieldOrder)
    .map((k) => [k, value[k]] as const)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${auditFieldLabel(k).zh}：${valueText(action, k, v, names)}`);
  return parts.length > 0 ? parts.join('；') : EMPTY;
}

function labelOf(action: string, key: string): LocalizedText {
  return FIELD_LABELS_BY_ACTION[action]?.[key] ?? auditFieldLabel(key);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where a key comes in the list of labels: fields are shown in that order (jsonb keeps none). */
const FIELD_ORDER = new Map(Object.keys(AUDIT_FIELD_LABELS).map((key, i) => [key, i]));
const inFieldOrder = (a: string, b: string) =>
  (FIELD_ORDER.get(a) ?? FIELD_ORDER.size) - (FIELD_ORDER.get(b) ?? FIELD_ORDER.size);

/**
 * The detail as fields: its own keys first, then each changed field of a before/after pair as
 * "before → after" (only after: created; only before: removed); each part in the labels' order.
 */
function fieldsOf(action: string, detail: Record<string, unknown> | null, names: Names): AuditDetailField[] {
  if (!detail) return [];
  const field = (key: string, value: string): AuditDetailField => ({
    key,
    label: labelOf(action, key),
    value,
  });
  const fields: AuditDetailField[] = [];
  for (const key of Object.keys(detail).sort(inFieldOrder)) {
    const value = detail[key];
    if ((key === 'before' || key === 'after') && isRecord(value)) continue;
    if (value === undefined) continue;
    fields.push(field(key, valueText(action, key, value, names)));
  }
  const before = isRecord(detail.before) ? detail.before : undefined;
  const after = isRecord(detail.after) ? detail.after : undefined;
  const changed = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of [...changed].sort(inFieldOrder)) {
    const was = before && key in before ? valueText(action, key, before[key], names) : undefined;
    const now = after && key in after ? valueText(action, key, after[key], names) : undefined;
    if (was !== undefined && now !== undefined) fields.push(field(key, `${was} → ${now}`));
    else fields.push(field(key, now ?? was ?? EMPTY));
  }
  return fields;
}

/** Every id a detail refers to, at any depth, asked of `names`. */
function wantReferences(value: unknown, names: Names, key = ''): void {
  if (Array.isArray(value)) {
    for (const item of value) wantReferences(item, names, key);
    return;
  }
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) wantReferences(v, names, k);
    return;
  }
  const reference = REFERENCES[key];
  if (reference && typeof value === 'string' && UUID.test(value)) names.want(reference, value);
}

/** The readable views of `rows`, their names looked up together. */
export async function presentAuditEvents(db: DbOrTx, rows: readonly AuditRow[]): Promise<AuditEventView[]> {
  const names = new Names();
  for (const row of rows) {
    if (row.actorId) names.want('user', row.actorId);
    const table = row.objectType ? OBJECT_TABLES[row.objectType] : undefined;
    if (table && row.objectId) names.want(table, row.objectId);
    wantReferences(row.detail, names);
  }
  await names.load(db);
  return rows.map((row) => {
    const detail = row.detail ?? null;
    const action = row.action;
    const actor = row.actorId ? names.lookup('user', row.actorId) : undefined;
    const group = isAuditAction(action) ? AUDIT_ACTIONS[action].group : null;
    return {
      id: row.id,
      seq: row.seq,
      occurredAt: new Date(row.occurredAt).toISOString(),
      actorId: row.actorId,
      actorName: row.actorName,
      actorDisplayName: actor?.extra ?? null,
      actorRoles: row.actorRoles,
      ip: row.ip,
      action,
      actionName: auditActionName(action),
      actionGroup: group,
      objectType: row.objectType,
      objectId: row.objectId,
      object: row.objectType ? objectOf(row, names) : null,
      result: row.result,
      fields: fieldsOf(action, detail, names),
      detail,
    };
  });
}

function objectOf(row: AuditRow, names: Names): NonNullable<AuditEventView['object']> {
  const type = row.objectType ?? '';
  const typeName = auditObjectTypeName(type);
  const table = OBJECT_TABLES[type];
  const record = table && row.objectId ? names.lookup(table, row.objectId) : undefined;
  if (record) return { typeName, key: businessKey(record), exists: true };
  const fixed = fixedKey(type, row.objectId);
  if (fixed) return { typeName, key: fixed, exists: true };
  const remembered = keyFromDetail(row.detail ?? null);
  return {
    typeName,
    key: remembered ?? (row.objectId ? shortId(row.objectId) : typeName.zh),
    exists: false,
  };
}
