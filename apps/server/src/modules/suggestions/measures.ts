// 建言指标 the suggestion measures: suggestions submitted in a period, and of them those adopted (获采纳: fully
// or partly, as the reports count them), by where they stand now (as modules/suggestions counts them).
import { listPath, measuresOf, type MeasureAsk, type MeasureSource } from '../../core/measures/registry.ts';
import { countSuggestions, type SuggestionCounts } from './repository.ts';

/** The suggestion list filters by the day submitted, not by unit: only the caller's own subtree has one. */
const suggestionList = (ask: MeasureAsk, status?: string) =>
  ask.listUnitId ? null : listPath('/suggestions', { status, from: ask.period.from, to: ask.period.to });

const suggestionCountsSource: MeasureSource<SuggestionCounts> = {
  name: 'suggestions.counts',
  compute: ({ db, ask }) => countSuggestions(db, { orgPath: ask.unit.path }, ask.period),
};

export const suggestionMeasures = measuresOf(suggestionCountsSource, [
  {
    id: 'suggestions.submitted',
    label: { zh: '报送建言', en: 'Suggestions submitted' },
    unit: 'count',
    definition: '期间内报送的建言数（按报送日期计）',
    value: (counts) => counts.submitted,
    list: (ask) => suggestionList(ask),
  },
  {
    id: 'suggestions.adopted',
    label: { zh: '获采纳建言', en: 'Adopted' },
    unit: 'count',
    definition: '其中获采纳（含部分采纳）的建言数',
    value: (counts) => counts.adopted + counts.partlyAdopted,
  },
  {
    id: 'suggestions.fullyAdopted',
    label: { zh: '全部采纳', en: 'Fully adopted' },
    unit: 'count',
    definition: '其中被全部采纳的建言数',
    value: (counts) => counts.adopted,
    list: (ask) => suggestionList(ask, 'adopted'),
  },
  {
    id: 'suggestions.partlyAdopted',
    label: { zh: '部分采纳', en: 'Partly adopted' },
    unit: 'count',
    definition: '其中被部分采纳的建言数',
    value: (counts) => counts.partlyAdopted,
    list: (ask) => suggestionList(ask, 'partly_adopted'),
  },
]);
