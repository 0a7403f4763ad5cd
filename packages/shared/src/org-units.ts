// Org unit kinds: the federation tree (province → city → district → street) and the units that hang
// under a federation (chambers, associations, government departments).

export const ORG_UNIT_KINDS = [
  'province',
  'city',
  'district',
  'street',
  'chamber',
  'association',
  'department',
  // 融资 financing: a bank or branch, a partner unit under a federation.
  'bank',
] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const ORG_UNIT_KIND_LABELS: Record<OrgUnitKind, { zh: string; en: string }> = {
  province: { zh: '省级工商联', en: 'Provincial federation' },
  city: { zh: '市工商联', en: 'City federation' },
  district: { zh: '区县工商联', en: 'District federation' },
  street: { zh: '街道工商联', en: 'Street federation' },
  chamber: { zh: '商会', en: 'Chamber of commerce' },
  association: { zh: '协会', en: 'Association' },
  department: { zh: '职能部门', en: 'Government department' },
  bank: { zh: '合作银行', en: 'Partner bank' },
};

/** Which kinds may hang under which: a federation level under the level above; the rest under a federation. */
export const ALLOWED_PARENT_KINDS: Record<OrgUnitKind, readonly OrgUnitKind[]> = {
  province: [],
  city: ['province'],
  district: ['city'],
  street: ['district'],
  chamber: ['province', 'city', 'district', 'street'],
  association: ['province', 'city', 'district', 'street'],
  department: ['province', 'city', 'district'],
  bank: ['province', 'city', 'district'],
};
