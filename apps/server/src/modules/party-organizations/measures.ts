// 党建指标 the party measures: 两个覆盖, the coverage of the active members by party organizations and by
// party work (an organization, or a party-building instructor), as modules/party-organizations defines it.
import { measuresOf, rate } from '../../core/measures/registry.ts';
import { enterpriseList, memberGroup, memberGroupsSource } from '../enterprises/measures.ts';

const organized = (rows: Parameters<typeof memberGroup>[0]) => memberGroup(rows, 'party', 'organized');
const covered = (rows: Parameters<typeof memberGroup>[0]) =>
  organized(rows) + memberGroup(rows, 'party', 'instructor_only');
const active = (rows: Parameters<typeof memberGroup>[0]) => memberGroup(rows, 'status', 'active');

export const partyMeasures = measuresOf(memberGroupsSource, [
  {
    id: 'party.organized',
    label: { zh: '已建党组织', en: 'With a party organization' },
    unit: 'count',
    definition: '在册会员中已建立党组织的企业数',
    value: organized,
    list: (ask) => enterpriseList(ask, { status: 'active', party: 'organized' }),
  },
  {
    id: 'party.covered',
    label: { zh: '党的工作覆盖', en: 'Covered by party work' },
    unit: 'count',
    definition: '在册会员中已建党组织或已派党建指导员的企业数',
    value: covered,
  },
  {
    id: 'party.organizationCoverage',
    label: { zh: '党的组织覆盖率', en: 'Party organization coverage' },
    unit: 'ratio',
    definition: '已建党组织的企业数 ÷ 在册会员数',
    value: (rows) => rate(organized(rows), active(rows)),
  },
  {
    id: 'party.workCoverage',
    label: { zh: '党的工作覆盖率', en: 'Party work coverage' },
    unit: 'ratio',
    definition: '（已建党组织 + 仅有党建指导员的企业数）÷ 在册会员数',
    value: (rows) => rate(covered(rows), active(rows)),
  },
]);
