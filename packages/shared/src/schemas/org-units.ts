// Org units: the federation tree and the chambers, associations and departments under it.
import { z } from 'zod';
import { ORG_UNIT_KINDS } from '../org-units.ts';
import { line, optionalLine } from '../text.ts';

export const orgUnitView = z.object({
  id: z.string().uuid(),
  parentId: z.string().uuid().nullable(),
  kind: z.enum(ORG_UNIT_KINDS),
  name: z.string(),
  code: z.string().nullable(),
  depth: z.number().int(),
  version: z.number().int(),
});
export type OrgUnitView = z.infer<typeof orgUnitView>;
export const orgUnitList = z.object({ items: z.array(orgUnitView) });

export const createOrgUnitRequest = z.strictObject({
  parentId: z.string().uuid(),
  kind: z.enum(ORG_UNIT_KINDS),
  name: line(100),
  code: optionalLine(32).optional(),
});

export const updateOrgUnitRequest = z.strictObject({
  version: z.number().int(),
  name: line(100).optional(),
  code: optionalLine(32).optional(),
});

export const orgUnitEnvelope = z.object({ orgUnit: orgUnitView });
