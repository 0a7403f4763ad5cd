// What the people an appeal concerns are told when it moves: each notification's kind, title and text, in
// one place (the deadline timers' reminders and escalations keep theirs in deadlines.ts). States are named
// by packages/shared's vocabulary.
import { FORWARD_STATE_WORDS } from '@qinqing/shared';

interface Text {
  kind: string;
  title: string;
  body: string;
}

interface Appeal {
  number: string;
  title: string;
}

/** To the federation's staff over the enterprise, when an enterprise or a chamber raised it. */
export const raisedNotice = (appeal: Appeal, enterpriseName: string): Text => ({
  kind: 'appeal.raised',
  title: `新诉求待受理：${appeal.title}`,
  body: `${enterpriseName}提出诉求 ${appeal.number}，请受理。`,
});

/** To the liaisons of the department it was forwarded to. */
export const forwardedNotice = (
  appeal: Appeal & { enterpriseName: string },
  to: { departmentName: string; respondDays: number; resolveDays: number },
): Text => ({
  kind: 'appeal.forwarded',
  title: `新转办诉求：${appeal.title}`,
  body: `诉求 ${appeal.number}（${appeal.enterpriseName}）已转至${to.departmentName}，请在 ${to.respondDays} 个工作日内响应、${to.resolveDays} 个工作日内办结。`,
});

/** To the staff who raised or forwarded it, when a department sent it back. */
export const returnedNotice = (appeal: Appeal, departmentName: string, reason: string): Text => ({
  kind: 'appeal.returned',
  title: `诉求被退回：${appeal.title}`,
  body: `${departmentName}退回了诉求 ${appeal.number}：${reason}`,
});

/** To the same staff, once every department has answered: confirm it and call the enterprise back. */
export const answeredNotice = (appeal: Appeal, outcome: 'resolved' | 'unsolvable'): Text => ({
  kind: 'appeal.answered',
  title: `诉求已答复，请确认：${appeal.title}`,
  body: `诉求 ${appeal.number} 承办部门答复：${FORWARD_STATE_WORDS[outcome].zh}。请确认并回访企业。`,
});

/** To the enterprise's contacts: rate the answer. */
export const confirmedNotice = (appeal: Appeal): Text => ({
  kind: 'appeal.confirmed',
  title: `请评价诉求办理结果：${appeal.title}`,
  body: `您的诉求 ${appeal.number} 的办理结果已经工商联确认，请作出评价（满意/基本满意/不满意）。`,
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
