// What the people an appeal concerns are told when it moves: each notification's kind, title and text, in
// one place (the deadline timers' reminders and escalations keep theirs in deadlines.ts). States are named
// by packages/shared's vocabulary.
// A to-do notice names the actions it awaits (`awaits`): once anyone takes one of them on the appeal, the
// notice is marked done (notifications/service.ts closeTodos, called by transition-appeal.ts).
import { APPEAL_STATE_WORDS, FORWARD_STATE_WORDS, UNRATED_WORD, type AppealAction } from '@qinqing/shared';

interface Text {
  kind: string;
  title: string;
  body: string;
  /** A to-do: the actions it awaits (a department's carry the department, `accept@<id>`). */
  awaits?: string[];
}

/** A department's actions on its own forward, as a to-do awaits them. */
export const departmentAwaits = (departmentId: string, actions: readonly AppealAction[]): string[] =>
  actions.map((action) => `${action}@${departmentId}`);

/** What a forward asks of the department: to take it on or return it, then to answer it. */
export const FORWARD_AWAITS: readonly AppealAction[] = ['accept', 'return', 'resolve', 'explain_unsolvable'];

interface Appeal {
  number: string;
  title: string;
}

/** To the federation's staff over the enterprise, when an enterprise or a chamber raised it. */
export const raisedNotice = (appeal: Appeal, enterpriseName: string): Text => ({
  kind: 'appeal.raised',
  title: `新诉求待受理：${appeal.title}`,
  body: `${enterpriseName}提出诉求 ${appeal.number}，请受理。`,
  awaits: ['mark_valid', 'mark_invalid', 'merge'],
});

/** To the liaisons of the department it was forwarded to. */
export const forwardedNotice = (
  appeal: Appeal & { enterpriseName: string },
  to: { departmentId: string; departmentName: string; respondDays: number; resolveDays: number },
): Text => ({
  kind: 'appeal.forwarded',
  title: `新转办诉求：${appeal.title}`,
  body: `诉求 ${appeal.number}（${appeal.enterpriseName}）已转至${to.departmentName}，请在 ${to.respondDays} 个工作日内响应、${to.resolveDays} 个工作日内办结。`,
  awaits: departmentAwaits(to.departmentId, FORWARD_AWAITS),
});

/** To the staff who raised or forwarded it, when a department sent it back. */
export const returnedNotice = (appeal: Appeal, departmentName: string, reason: string): Text => ({
  kind: 'appeal.returned',
  title: `诉求被退回：${appeal.title}`,
  body: `${departmentName}退回了诉求 ${appeal.number}：${reason}`,
  awaits: ['forward', 'mark_invalid', 'merge'],
});

/** To the same staff, once every department has answered: confirm it and call the enterprise back. */
export const answeredNotice = (appeal: Appeal, outcome: 'resolved' | 'unsolvable'): Text => ({
  kind: 'appeal.answered',
  title: `诉求已答复，请确认：${appeal.title}`,
  body: `诉求 ${appeal.number} 承办部门答复：${FORWARD_STATE_WORDS[outcome].zh}。请确认并回访企业。`,
  awaits: ['confirm'],
});

/** To the enterprise's contacts: rate the answer. */
export const confirmedNotice = (appeal: Appeal): Text => ({
  kind: 'appeal.confirmed',
  title: `请评价诉求办理结果：${appeal.title}`,
  body: `您的诉求 ${appeal.number} 的办理结果已经工商联确认，请作出评价（满意/基本满意/不满意）。`,
  awaits: ['rate'],
});

/** To the staff, when the enterprise was dissatisfied (it may reopen within `reopenDays`). */
export const dissatisfiedNotice = (appeal: Appeal, reopenDays: number): Text => ({
  kind: 'appeal.dissatisfied',
  title: `企业对办理结果不满意：${appeal.title}`,
  body: `诉求 ${appeal.number} 被评为“不满意”，企业可在 ${reopenDays} 天内申请重新办理。`,
});

/** To the staff, when the enterprise reopened it. */
export const reopenedNotice = (appeal: Appeal, reason: string): Text => ({
  kind: 'appeal.reopened',
  title: `诉求重新办理：${appeal.title}`,
  body: `诉求 ${appeal.number} 已重新打开：${reason}`,
});

// To the enterprise's contacts, as their appeal moves: accepted, forwarded, answered and closed (resolved
// and confirmed is confirmedNotice, which asks them to rate). Each is sent once per round.

export const acceptedProgressNotice = (appeal: Appeal): Text => ({
  kind: 'appeal.progress_accepted',
  title: `您的诉求${APPEAL_STATE_WORDS.valid.zh}：${appeal.title}`,
  body: `您的诉求 ${appeal.number}（${appeal.title}）工商联${APPEAL_STATE_WORDS.valid.zh}，将尽快转交有关部门办理。`,
});

export const forwardedProgressNotice = (appeal: Appeal, departmentNames: readonly string[]): Text => ({
  kind: 'appeal.progress_forwarded',
  title: `您的诉求${APPEAL_STATE_WORDS.forwarded.zh}：${appeal.title}`,
  body: `您的诉求 ${appeal.number}（${appeal.title}）${APPEAL_STATE_WORDS.forwarded.zh}至${departmentNames.join('、')}，请等待答复。`,
});

export const answeredProgressNotice = (
  appeal: Appeal,
  outcome: 'resolved' | 'unsolvable',
  answer: string,
): Text => ({
  kind: 'appeal.progress_answered',
  title: `您的诉求${APPEAL_STATE_WORDS.answered.zh}：${appeal.title}`,
  body: `您的诉求 ${appeal.number}（${appeal.title}）承办部门答复：${FORWARD_STATE_WORDS[outcome].zh}。${answer}`,
});

export const closedProgressNotice = (appeal: Appeal): Text => ({
  kind: 'appeal.progress_closed',
  title: `您的诉求${APPEAL_STATE_WORDS.closed.zh}：${appeal.title}`,
  body: `您的诉求 ${appeal.number}（${appeal.title}）${APPEAL_STATE_WORDS.closed.zh}，感谢您的评价。`,
});

/** To the enterprise's contacts, a few days after confirmation when they have not rated yet. */
export const ratingReminderNotice = (appeal: Appeal, closeInDays: number): Text => ({
  kind: 'appeal.rating_reminder',
  title: `请尽快评价诉求办理结果：${appeal.title}`,
  body: `您的诉求 ${appeal.number}（${appeal.title}）的办理结果尚待您评价；${closeInDays} 天内仍未评价的，将按“${UNRATED_WORD.zh}”处理。`,
  awaits: ['rate'],
});

/** To the enterprise's contacts when their appeal closed without a rating. */
export const closedUnratedNotice = (appeal: Appeal, days: number): Text => ({
  kind: 'appeal.closed_unrated',
  title: `您的诉求${UNRATED_WORD.zh}：${appeal.title}`,
  body: `您的诉求 ${appeal.number}（${appeal.title}）确认后 ${days} 天内未收到评价，已${UNRATED_WORD.zh}；如对结果有异议，可在规定期限内申请重新办理。`,
});
