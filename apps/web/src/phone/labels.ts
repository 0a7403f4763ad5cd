// Words for the shared codes the phone shows. The appeal vocabulary (states, actions, events) comes from
// @qinqing/shared's appeal-words.ts. The registry's and the rating's labels live in shared modules that also
// hold the server's zod schemas, which would bring zod (a third of the phone's script) along: the phone keeps
// their words here, and e2e/phone.test.ts holds the Chinese ones equal to the shared.
import {
  type AidCategory,
  type AidPostState,
  APPEAL_ACTION_WORDS,
  APPEAL_EVENT_WORDS,
  APPEAL_STATE_WORDS,
  type AppealAction,
  type AppealState,
  type ChamberMemberRole,
  type MembershipStatus,
  type Satisfaction,
  type Word,
} from '@qinqing/shared';
import type { Lang } from './lang.ts';

export const SATISFACTION_WORDS: Record<Satisfaction, Word> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
};
export const SATISFACTION_CHOICES = Object.keys(SATISFACTION_WORDS) as Satisfaction[];

export const MEMBERSHIP_WORDS: Record<MembershipStatus, Word> = {
  applying: { zh: '申请中', en: 'Applying' },
  active: { zh: '正常', en: 'Active' },
  suspended: { zh: '暂停', en: 'Suspended' },
  withdrawn: { zh: '退会', en: 'Withdrawn' },
};

export const CHAMBER_ROLE_WORDS: Record<ChamberMemberRole, Word> = {
  president: { zh: '会长单位', en: 'President member' },
  vice_president: { zh: '副会长单位', en: 'Vice-president member' },
  director: { zh: '理事单位', en: 'Director member' },
  member: { zh: '会员单位', en: 'Member' },
};

// 互助 mutual aid: a post's category and state.
export const AID_CATEGORY_WORDS: Record<AidCategory, Word> = {
  epidemic: { zh: '防疫物资', en: 'Epidemic supplies' },
  materials: { zh: '原材料', en: 'Materials' },
  products: { zh: '产品', en: 'Products' },
  technology: { zh: '技术', en: 'Technology' },
  logistics: { zh: '物流运输', en: 'Logistics' },
  services: { zh: '服务', en: 'Services' },
};
export const AID_POST_STATE_WORDS: Record<AidPostState, Word> = {
  open: { zh: '开放', en: 'Open' },
  matched: { zh: '撮合中', en: 'Being matched' },
  fulfilled: { zh: '已完成', en: 'Fulfilled' },
  expired: { zh: '已过期', en: 'Expired' },
  withdrawn: { zh: '已撤下', en: 'Withdrawn' },
};

export function stateWord(state: AppealState, lang: Lang): string {
  return APPEAL_STATE_WORDS[state][lang];
}

export function verbWord(action: AppealAction, lang: Lang): string {
  return APPEAL_ACTION_WORDS[action].verb[lang];
}

export function doneWord(action: AppealAction, lang: Lang): string {
  return APPEAL_ACTION_WORDS[action].done[lang];
}

/** A timeline entry's word: an action's past tense, or what else the timeline records. */
export function eventWord(action: string, lang: Lang): string {
  if (action in APPEAL_ACTION_WORDS) return doneWord(action as AppealAction, lang);
  if (action in APPEAL_EVENT_WORDS)
    return APPEAL_EVENT_WORDS[action as keyof typeof APPEAL_EVENT_WORDS][lang];
  return action;
}

export function satisfactionWord(satisfaction: Satisfaction, lang: Lang): string {
  return SATISFACTION_WORDS[satisfaction][lang];
}

export function membershipWord(status: MembershipStatus, lang: Lang): string {
  return MEMBERSHIP_WORDS[status][lang];
}

export function chamberRoleWord(role: string, lang: Lang): string {
  return (CHAMBER_ROLE_WORDS as Record<string, Word>)[role]?.[lang] ?? role;
}

/** 2026-12-05 14:30 in Beijing time, as the federation reads dates. */
export function dateTime(iso: string, withTime = true): string {
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  return withTime ? `${day} ${part('hour')}:${part('minute')}` : day;
}
