// The Chinese words a ledger (台账) prints for the codes stored in visits and appeals — the same words the
// web app shows (i18n zh-CN), fixed here because a filed ledger is always in Chinese.
import type {
  AppealOutcome,
  AppealSource,
  AppealState,
  AppealUrgency,
  Satisfaction,
  VisitBrought,
  VisitKind,
} from '@qinqing/shared';

export const VISIT_KIND_LABELS: Record<VisitKind, string> = {
  directed: '定向走访',
  care: '送温暖/送清凉',
  joint: '跨部门联合走访',
  research: '调研',
};

export const VISIT_BROUGHT_LABELS: Record<VisitBrought, string> = {
  policy: '送政策',
  information: '送信息',
  service: '送服务',
  safety: '送安全',
  warmth: '送温暖',
};

export const APPEAL_STATE_LABELS: Record<AppealState, string> = {
  submitted: '待受理',
  valid: '已受理',
  invalid: '无效',
  merged: '已合并',
  forwarded: '已转办',
  in_progress: '办理中',
  returned: '已退回',
  answered: '已答复',
  confirmed: '已确认',
  closed: '已办结',
};

export const APPEAL_SOURCE_LABELS: Record<AppealSource, string> = {
  visit: '走访',
  survey: '调研',
  chamber: '商会',
  phone: '电话',
  group_chat: '群聊',
  self_service: '企业自助',
};

export const APPEAL_URGENCY_LABELS: Record<AppealUrgency, string> = {
  normal: '一般',
  urgent: '紧急',
  critical: '特急',
};

export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, string> = {
  resolved: '已解决',
  unsolvable: '已解释无法解决',
};

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** A stored code's label; an unknown code (a newer value than this table) is printed as stored. */
export function labelOf<K extends string>(labels: Record<K, string>, code: string | null): string {
  if (code === null) return '';
  return (labels as Record<string, string>)[code] ?? code;
}
