// How financing rows are answered. A bank account manager sees its own answer only: the other banks' rows,
// their timeline entries and a loan granted elsewhere never reach it, and the need's state is told from its
// own answer.
import {
  fenToYuan,
  type BankAnswerState,
  type BankAnswerView,
  type NeedAction,
  type NeedState,
  type NeedSummary,
  type NeedView,
  type ProductView,
} from '@qinqing/shared';
import type { BankAnswerRow, EventRow, NeedRow, ProductRow } from './repository.ts';

const iso = (value: Date | string) => new Date(value).toISOString();
const yuanOrNull = (fen: string | null) => (fen === null ? null : fenToYuan(fen));

/** The need's state as a bank sees it: from its own answer. */
const BANK_SEES: Record<BankAnswerState, NeedState> = {
  sent: 'sent',
  accepted: 'sent',
  documents_requested: 'sent',
  approved: 'approved',
  declined: 'declined',
  granted: 'granted',
  closed: 'withdrawn',
};

export function presentNeedSummary(row: NeedRow): NeedSummary {
  const bankView = row.own_bank_state !== null;
  const grantedHere = !bankView || row.own_bank_state === 'granted';
  return {
    id: row.id,
    enterprise: { id: row.enterprise_id, name: row.enterprise_name },
    orgUnit: { id: row.org_unit_id, name: row.org_unit_name },
    amount: fenToYuan(row.amount_fen),
    termMonths: row.term_months,
    purpose: row.purpose,
    urgency: row.urgency,
    state: bankView ? BANK_SEES[row.own_bank_state!] : row.state,
    consent: row.consent,
    vouched: row.vouched_at !== null,
    grantedAmount: grantedHere ? yuanOrNull(row.granted_amount_fen) : null,
    createdAt: iso(row.created_at),
    version: row.version,
  };
}

export function presentBankAnswer(row: BankAnswerRow): BankAnswerView {
  return {
    bank: { id: row.bank_id, name: row.bank_name },
    state: row.state,
    sentAt: iso(row.sent_at),
    answeredAt: row.answered_at ? iso(row.answered_at) : null,
    documentsNote: row.documents_note,
    approvedAmount: yuanOrNull(row.approved_amount_fen),
    approvedRate: row.approved_rate,
    approvedTermMonths: row.approved_term_months,
    declineReason: row.decline_reason,
    grantedAmount: yuanOrNull(row.granted_amount_fen),
    grantedOn: row.granted_on,
  };
}

export function presentNeed(
  row: NeedRow,
  banks: BankAnswerRow[],
  events: EventRow[],
  actions: NeedAction[],
): NeedView {
  const summary = presentNeedSummary(row);
  const bankView = row.own_bank_state !== null;
  const grantedHere = !bankView || row.own_bank_state === 'granted';
  return {
    ...summary,
    collateral: row.collateral,
    preferredBank:
      row.preferred_bank_id && (!bankView || row.preferred_bank_id === banks[0]?.bank_id)
        ? { id: row.preferred_bank_id, name: row.preferred_bank_name! }
        : null,
    preferredProduct:
      row.preferred_product_id && !bankView
        ? { id: row.preferred_product_id, name: row.preferred_product_name! }
        : null,
    program: row.program_id ? { id: row.program_id, name: row.program_name! } : null,
    appealId: bankView ? null : row.appeal_id,
    consentChangedAt: iso(row.consent_changed_at),
    vouch:
      row.vouched_chamber_id && row.vouched_at
        ? {
            chamber: { id: row.vouched_chamber_id, name: row.vouched_chamber_name! },
            note: row.vouch_note,
            vouchedAt: iso(row.vouched_at),
          }
        : null,
    grantedBank:
      grantedHere && row.granted_bank_id ? { id: row.granted_bank_id, name: row.granted_bank_name! } : null,
    grantedOn: grantedHere ? row.granted_on : null,
    grantedRate: grantedHere ? row.granted_rate : null,
    withdrawReason: row.withdraw_reason,
    banks: banks.map(presentBankAnswer),
    timeline: events.map((event) => ({
      occurredAt: iso(event.occurred_at),
      actorName: event.actor_name,
      action: event.action,
      bankName: event.bank_name,
      note: event.note,
    })),
    actions,
  };
}

export function presentProduct(row: ProductRow): ProductView {
  return {
    id: row.id,
    bankId: row.bank_id,
    name: row.name,
    kind: row.kind,
    rateMin: row.rate_min,
    rateMax: row.rate_max,
    termMinMonths: row.term_min_months,
    termMaxMonths: row.term_max_months,
    amountMin: fenToYuan(row.amount_min_fen),
    amountMax: fenToYuan(row.amount_max_fen),
    eligibility: row.eligibility,
    active: row.active,
  };
}
