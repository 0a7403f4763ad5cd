// The catalogue: every domain's measures in one list, read once at start-up into the registry the app
// context carries. A new domain adds its `measures.ts` here.
import { MeasureRegistry } from '../../core/measures/registry.ts';
import { appealMeasures } from '../appeal-stats/measures.ts';
import { chamberMeasures } from '../chambers/measures.ts';
import { donationMeasures } from '../donations/measures.ts';
import { memberMeasures } from '../enterprises/measures.ts';
import { ownFigureMeasures } from '../own-figures/measures.ts';
import { partyMeasures } from '../party-organizations/measures.ts';
import { suggestionMeasures } from '../suggestions/measures.ts';
import { streetMeasures } from '../street-adoption/measures.ts';
import { visitMeasures } from '../visits/measures.ts';
// 融资 financing
import { financingMeasures } from '../financing/measures.ts';
// 互助 mutual aid
import { aidMeasures } from '../mutual-aid/measures.ts';
import { volunteerMeasures } from '../volunteers/measures.ts';
// events (issue 16)
import { eventMeasures } from '../events/measures.ts';
// 惠企政策 policies
import { policyMeasures } from '../policies/measures.ts';
// 服务包 service packages
import { packageMeasures } from '../service-packages/measures.ts';

/** `clock`: the app's, at which time-dependent measures (what is overdue now) are decided. */
export function measureCatalogue(clock?: { now(): Date }): MeasureRegistry {
  return new MeasureRegistry(
    [
      ...memberMeasures,
      ...chamberMeasures,
      ...partyMeasures,
      ...visitMeasures,
      ...appealMeasures,
      ...suggestionMeasures,
      ...ownFigureMeasures,
      ...donationMeasures,
      ...volunteerMeasures,
      ...streetMeasures,
      // events (issue 16)
      ...eventMeasures,
      // 惠企政策 policies
      ...policyMeasures,
      ...financingMeasures, // 融资 financing
      ...aidMeasures, // 互助 mutual aid
      ...packageMeasures, // 服务包 service packages
    ],
    clock,
  );
}
