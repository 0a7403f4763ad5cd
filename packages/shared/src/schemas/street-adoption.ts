// 小巷管家 street adoption: a street's (街道 org unit's) main streets and alleys, adopted by an enterprise or
// a person as its 管家; coverage = adopted ÷ all, by street and district; matters handled on a segment,
// and 12345 hotline complaints assisted (a case number and the people who helped, counted in 人次).
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';
import { isoDate } from './registry.ts';

export const STREET_SEGMENT_KINDS = ['main_street', 'alley'] as const;
export type StreetSegmentKind = (typeof STREET_SEGMENT_KINDS)[number];
export const STREET_SEGMENT_KIND_LABELS: Record<StreetSegmentKind, { zh: string; en: string }> = {
  main_street: { zh: '主街', en: 'Main street' },
  alley: { zh: '小巷', en: 'Alley' },
};

export const STREET_MATTER_KINDS = [
  'sanitation',
  'order',
  'facilities',
  'safety',
  'dispute',
  'other',
] as const;
export type StreetMatterKind = (typeof STREET_MATTER_KINDS)[number];
export const STREET_MATTER_KIND_LABELS: Record<StreetMatterKind, { zh: string; en: string }> = {
  sanitation: { zh: '环境卫生', en: 'Sanitation' },
  order: { zh: '街面秩序', en: 'Street order' },
  facilities: { zh: '设施维护', en: 'Facilities' },
  safety: { zh: '安全隐患', en: 'Safety hazard' },
  dispute: { zh: '矛盾调解', en: 'Dispute' },
  other: { zh: '其他', en: 'Other' },
};

const segmentKind = z.enum(STREET_SEGMENT_KINDS, { message: '类型应为 main_street（主街）或 alley（小巷）' });

export const streetSegmentListQuery = z.strictObject({
  streetOrgUnitId: z.string().uuid({ message: '街道编号格式不正确' }),
  kind: segmentKind.optional(),
  adopted: z
    .enum(['true', 'false'], { message: '应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  q: optionalLine(50).optional(),
  ...pageQuery,
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type StreetSegmentListQuery = z.infer<typeof streetSegmentListQuery>;

export const streetAdoptionView = z.object({
  id: z.string().uuid(),
  adopterEnterpriseId: z.string().uuid().nullable(),
  adopterPersonId: z.string().uuid().nullable(),
  adopterName: z.string(),
  adoptedOn: z.string(),
  endedOn: z.string().nullable(),
});
export type StreetAdoptionView = z.infer<typeof streetAdoptionView>;

export const streetSegmentView = z.object({
  id: z.string().uuid(),
  streetOrgUnitId: z.string().uuid(),
  streetName: z.string(),
  kind: segmentKind,
  name: z.string(),
  extent: z.string().nullable(),
  lengthM: z.number().int().nullable(),
  /** The live adoption, if any. */
  adoption: streetAdoptionView.nullable(),
  matters: z.number().int(),
});
export type StreetSegmentView = z.infer<typeof streetSegmentView>;
export const streetSegmentPage = pageOf(streetSegmentView);
export const streetSegmentEnvelope = z.object({ segment: streetSegmentView });

export const createStreetSegmentRequest = z.strictObject({
  streetOrgUnitId: z.string().uuid({ message: '街道编号格式不正确' }),
  kind: segmentKind,
  name: line(100),
  extent: optionalLine(200).nullable().optional(),
  lengthM: z.number().int().min(1, { message: '长度应为正整数（米）' }).max(100_000).nullable().optional(),
});
export type CreateStreetSegmentRequest = z.infer<typeof createStreetSegmentRequest>;

/** An enterprise or a person (exactly one) adopts the segment as its 管家. */
export const adoptSegmentRequest = z.strictObject({
  enterpriseId: z.string().uuid({ message: '企业编号格式不正确' }).optional(),
  personId: z.string().uuid({ message: '人士编号格式不正确' }).optional(),
  adoptedOn: isoDate,
});
export type AdoptSegmentRequest = z.infer<typeof adoptSegmentRequest>;

export const endAdoptionRequest = z.strictObject({
  endedOn: isoDate,
  reason: line(200),
});
export type EndAdoptionRequest = z.infer<typeof endAdoptionRequest>;

export const streetMatterHelper = z.strictObject({
  volunteerId: z.string().uuid({ message: '志愿者编号格式不正确' }).optional(),
  name: line(50).optional(),
});

const HOTLINE_CASE = /^[A-Za-z0-9-]{4,40}$/;

export const createStreetMatterRequest = z.strictObject({
  segmentId: z.string().uuid({ message: '路段编号格式不正确' }),
  handledOn: isoDate,
  kind: z.enum(STREET_MATTER_KINDS, { message: '事项类型取值不正确' }),
  description: line(1000),
  /** 12345 热线工单号: a hotline complaint assisted. */
  hotlineCaseNumber: z
    .string()
    .trim()
    .regex(HOTLINE_CASE, { message: '12345 工单号应为 4–40 位字母、数字或连字符' })
    .nullable()
    .optional(),
  /** The people who helped (人次), each a volunteer or a name. */
  helpers: z.array(streetMatterHelper).max(100).default([]),
});
export type CreateStreetMatterRequest = z.infer<typeof createStreetMatterRequest>;

export const streetMatterView = z.object({
  id: z.string().uuid(),
  segmentId: z.string().uuid(),
  segmentName: z.string(),
  segmentKind: segmentKind,
  streetOrgUnitId: z.string().uuid(),
  streetName: z.string(),
  handledOn: z.string(),
  kind: z.enum(STREET_MATTER_KINDS),
  description: z.string(),
  hotlineCaseNumber: z.string().nullable(),
  helpers: z.array(z.object({ name: z.string(), volunteerId: z.string().uuid().nullable() })),
});
export type StreetMatterView = z.infer<typeof streetMatterView>;
export const streetMatterEnvelope = z.object({ matter: streetMatterView });

export const streetMatterListQuery = z.strictObject({
  orgUnitId: z.string().uuid().optional(),
  hotline: z
    .enum(['true', 'false'], { message: '应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});
export type StreetMatterListQuery = z.infer<typeof streetMatterListQuery>;
export const streetMatterPage = pageOf(streetMatterView).extend({
  /** Of the filtered matters: hotline cases and the helpers of those (人次). */
  hotlineCases: z.number().int(),
  hotlinePersonTimes: z.number().int(),
});

export const streetCoverageQuery = z.strictObject({
  /** A federation unit (district or street) in the caller's subtree; unset: the caller's own. */
  orgUnitId: z.string().uuid({ message: '组织机构编号格式不正确' }).optional(),
});

export const coverageFigures = z.object({
  mainStreets: z.number().int(),
  mainStreetsAdopted: z.number().int(),
  alleys: z.number().int(),
  alleysAdopted: z.number().int(),
  segments: z.number().int(),
  adopted: z.number().int(),
  /** adopted ÷ segments to four places; null without segments. */
  coverage: z.number().nullable(),
  matters: z.number().int(),
  hotlineCases: z.number().int(),
  hotlinePersonTimes: z.number().int(),
});
export type CoverageFigures = z.infer<typeof coverageFigures>;

export const streetCoverage = z.object({
  orgUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  totals: coverageFigures,
  streets: z.array(coverageFigures.extend({ orgUnitId: z.string().uuid(), name: z.string() })),
});
export type StreetCoverage = z.infer<typeof streetCoverage>;

export const STREET_IMPORT_HEADERS = {
  kind: '类型',
  name: '名称',
  extent: '起止点',
  lengthM: '长度（米）',
} as const;

export const streetImportQuery = z.strictObject({
  streetOrgUnitId: z.string().uuid({ message: '街道编号格式不正确' }),
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const streetImportResult = z.object({
  dryRun: z.boolean(),
  counts: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
  }),
  /** Every rejected row: its row number in the file, its values and why. */
  rejected: z.array(
    z.object({ row: z.number().int(), values: z.array(z.string()), field: z.string(), reason: z.string() }),
  ),
});
export type StreetImportResult = z.infer<typeof streetImportResult>;
