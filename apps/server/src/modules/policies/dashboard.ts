// 惠企政策 the dashboard's policy card and the periodic reports' policy paragraph: which measures they show,
// in order — each a measure of the registry (modules/policies/measures.ts).
export const POLICY_CARD_MEASURES: readonly string[] = [
  'policies.published',
  'policies.pushed',
  'policies.read',
  'policies.readRate',
  'policies.applied',
  'policies.approved',
  'policies.amount',
];
