// 教育培训 the education card of the dashboard and the paragraph of the periodic reports (issue 16): which
// measures they show, in order, each from modules/events/measures.ts.
export const EDUCATION_MEASURES: readonly string[] = [
  'events.held',
  'events.training',
  'events.personTimes',
  'events.persons',
  'events.enterprises',
  'events.membersReached',
  'events.coverage',
  'events.chambersMissingMonths',
  'honours.total',
  'honours.nationalOrProvincial',
];
