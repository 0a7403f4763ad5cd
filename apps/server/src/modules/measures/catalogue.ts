// The catalogue: every domain's measures in one list, read once at start-up into the registry the app
// context carries. A new domain adds its `measures.ts` here.
import { MeasureRegistry } from '../../core/measures/registry.ts';
import { appealMeasures } from '../appeal-stats/measures.ts';
import { chamberMeasures } from '../chambers/measures.ts';
import { memberMeasures } from '../enterprises/measures.ts';
import { partyMeasures } from '../party-organizations/measures.ts';
import { suggestionMeasures } from '../suggestions/measures.ts';
import { visitMeasures } from '../visits/measures.ts';

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
    ],
    clock,
  );
}
