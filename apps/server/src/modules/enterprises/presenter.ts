// How an enterprise is shown: reference names resolved, mobile numbers masked unless the viewer may see them.
import { maskMobile, type EnterpriseListItem, type EnterpriseView } from '@qinqing/shared';
import { divisionPath } from '../../reference/divisions.ts';
import { industryByCode } from '../../reference/industries.ts';
import type { ContactRow, EnterpriseRow } from './repository.ts';

export function industryName(code: string | null): string | null {
  return code ? (industryByCode(code)?.name ?? null) : null;
}

/** 北京市 市辖区 东城区 东华门街道 → "北京市东城区东华门街道" (the "市辖区" placeholder level left out). */
export function divisionName(code: string | null): string | null {
  if (!code) return null;
  const path = divisionPath(code);
  if (!path) return null;
  return path
    .map((d) => d.name)
    .filter((name) => name !== '市辖区' && name !== '县' && !name.endsWith('直辖县级行政区划'))
    .join('');
}

export function presentContact(row: ContactRow, unmasked: boolean) {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    mobile: row.mobile === null ? null : unmasked ? row.mobile : maskMobile(row.mobile),
    mobileMasked: row.mobile !== null && !unmasked,
    email: row.email,
    isPrimary: row.isPrimary,
  };
}

export function presentEnterprise(
  row: EnterpriseRow & { orgUnitName: string },
  extra: {
    contacts: ContactRow[];
    chambers: { id: string; name: string; role: string }[];
    hasPartyOrganization: boolean;
    unmasked: boolean;
  },
): EnterpriseView {
  return {
    id: row.id,
    name: row.name,
    formerNames: row.formerNames,
    uscc: row.uscc,
    legalRepresentative: row.legalRepresentative,
    registeredCapital: row.registeredCapital,
    foundedOn: row.foundedOn,
    industryCode: row.industryCode,
    industryName: industryName(row.industryCode),
    size: row.size,
    divisionCode: row.divisionCode,
    divisionName: divisionName(row.divisionCode),
    address: row.address,
    tags: row.tags,
    contacts: extra.contacts.map((c) => presentContact(c, extra.unmasked)),
    membership: {
      type: row.membershipType,
      status: row.membershipStatus,
      statusReason: row.membershipStatusReason,
      statusOn: row.membershipStatusOn,
      joinedOn: row.joinedOn,
    },
    chambers: extra.chambers,
    hasPartyOrganization: extra.hasPartyOrganization,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    mergedIntoId: row.mergedIntoId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentListItem(row: Omit<EnterpriseListItem, 'industryName'>): EnterpriseListItem {
  return { ...row, industryName: industryName(row.industryCode) };
}
