// 社会责任 the social-responsibility card of the dashboard and the paragraph of the periodic reports: which
// measures they show, in order. Each is a measure of the registry (its own module's measures.ts); a domain
// of social responsibility shows its figures by adding their ids here.
export const SOCIAL_RESPONSIBILITY_MEASURES: readonly string[] = [
  // modules/donations/measures.ts
  'donations.amount',
  'donations.cash',
  'donations.inKind',
  'donations.directed',
  'donations.directedShare',
  'donations.count',
  'donations.donors',
  // modules/volunteers/measures.ts
  'volunteers.registered',
  'volunteers.partyMembers',
  'volunteers.teams',
  'volunteers.hours',
  'volunteers.personTimes',
  'volunteers.bloodDonors',
  // modules/street-adoption/measures.ts
  'streets.coverage',
  'streets.matters',
  'streets.hotlineCases',
  // 互助 mutual aid: modules/mutual-aid/measures.ts
  'aid.posts',
  'aid.fulfilled',
  'aid.quantity',
];
