// 服务包指标 the service-package measures of an org unit's subtree and a period: enterprises that received a
// package (each once, whatever the number of packages) and packages handed (package × enterprise), counted
// by the unit the enterprise had when it was handed. The stats page reads the same count (holdingCounts).
import { measuresOf, type MeasureSource } from '../../core/measures/registry.ts';
import { holdingCounts, type HoldingCounts } from './repository.ts';

export const packageTotalsSource: MeasureSource<HoldingCounts> = {
  name: 'packages.totals',
  compute: async ({ db, ask }) => {
    const { enterprises, handedOut } = await holdingCounts(db, { path: ask.unit.path }, ask.period);
    return { enterprises, handedOut };
  },
};

export const packageMeasures = measuresOf(packageTotalsSource, [
  {
    id: 'packages.holders',
    label: { zh: '获赠服务包企业', en: 'Enterprises given a service package' },
    unit: 'count',
    definition: '期间内收到服务包的本辖区企业数（一家企业收到多个服务包计一次）',
    value: (totals) => totals.enterprises,
    // The packages list, with each package's holders: it has no filter by unit or period.
    list: () => '/service-packages',
  },
  {
    id: 'packages.handedOut',
    label: { zh: '发放服务包', en: 'Service packages handed out' },
    unit: 'count',
    definition: '期间内向本辖区企业发放的服务包份数（每个服务包每家企业计一次）',
    value: (totals) => totals.handedOut,
    // The packages list, with each package's holders: it has no filter by unit or period.
    list: () => '/service-packages',
  },
]);
