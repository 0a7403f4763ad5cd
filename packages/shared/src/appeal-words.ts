// The one vocabulary of the service loop: for each appeal state and forward state the one word (Chinese and
// English) its tag shows, and for each action the verb on its button and the past tense its toast and
// timeline entry show. The server's labels, the web's tags, toasts, forward rows and timeline, the ledgers
// and the reports read these words and no others (appeal-words.test.ts fails on a second word for a state).
// 办结 is reserved for the closed case: a department's answer is 已解决 or 已解释无法解决, the appeal then
// stands 已答复 (answered, to be confirmed), 已确认 (confirmed, to be rated) and 已办结 (closed) once rated.
import type { AppealAction, AppealOutcome, AppealState, ForwardState } from './schemas/appeals.ts';

export interface Word {
  zh: string;
  en: string;
}

/** The state an appeal is in, as its tag, the kanban's columns and the ledger's 办理状态 name it. */
export const APPEAL_STATE_WORDS: Record<AppealState, Word> = {
  submitted: { zh: '待受理', en: 'Awaiting intake' },
  valid: { zh: '已受理', en: 'Accepted' },
  invalid: { zh: '无效', en: 'Invalid' },
  merged: { zh: '已合并', en: 'Merged' },
  forwarded: { zh: '已转办', en: 'Forwarded' },
  in_progress: { zh: '办理中', en: 'In progress' },
  returned: { zh: '待重新转办', en: 'To re-forward' },
  answered: { zh: '已答复', en: 'Answered' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** The state of one department's forward, as its row in the forwards table and the inbox name it. */
export const FORWARD_STATE_WORDS: Record<ForwardState, Word> = {
  pending: { zh: '待接收', en: 'To take on' },
  accepted: { zh: '已接收', en: 'Taken on' },
  returned: { zh: '已退回', en: 'Returned' },
  resolved: { zh: '已解决', en: 'Resolved' },
  unsolvable: { zh: '已解释无法解决', en: 'Explained as unsolvable' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export interface ActionWords {
  /** The button and its dialog. */
  verb: Word;
  /** The toast once done, and the timeline entry. */
  done: Word;
}

/** What people do to an appeal. */
export const APPEAL_ACTION_WORDS: Record<AppealAction, ActionWords> = {
  mark_valid: { verb: { zh: '受理', en: 'Accept' }, done: { zh: '已受理', en: 'Accepted' } },
  mark_invalid: {
    verb: { zh: '不予受理', en: 'Mark invalid' },
    done: { zh: '已标记无效', en: 'Marked invalid' },
  },
  merge: { verb: { zh: '合并', en: 'Merge' }, done: { zh: '已合并', en: 'Merged' } },
  forward: { verb: { zh: '转办', en: 'Forward' }, done: { zh: '已转办', en: 'Forwarded' } },
  accept: { verb: { zh: '接收', en: 'Take on' }, done: { zh: '已接收', en: 'Taken on' } },
  return: { verb: { zh: '退回', en: 'Return' }, done: { zh: '已退回', en: 'Returned' } },
  reply: {
    verb: { zh: '报送进展', en: 'Report progress' },
    done: { zh: '已报送进展', en: 'Progress reported' },
  },
  resolve: { verb: { zh: '解决', en: 'Resolve' }, done: { zh: '已解决', en: 'Resolved' } },
  explain_unsolvable: {
    verb: { zh: '解释无法解决', en: 'Explain as unsolvable' },
    done: { zh: '已解释无法解决', en: 'Explained as unsolvable' },
  },
  confirm: { verb: { zh: '确认', en: 'Confirm' }, done: { zh: '已确认', en: 'Confirmed' } },
  rate: { verb: { zh: '评价', en: 'Rate' }, done: { zh: '已评价', en: 'Rated' } },
  reopen: { verb: { zh: '重新办理', en: 'Reopen' }, done: { zh: '已重新办理', en: 'Reopened' } },
  close_unrated: {
    verb: { zh: '逾期未评价办结', en: 'Close without rating' },
    done: { zh: '逾期未评价，系统办结', en: 'Closed without rating' },
  },
};

/**
 * A closed appeal the enterprise never rated (closed by the system after the rating period): its rating
 * reads this, and the figures count it apart — never as satisfied, never in the satisfaction rate.
 */
export const UNRATED_WORD: Word = { zh: '未评价办结', en: 'Closed without rating' };

/** A deadline that falls in a year the working calendar does not know: counted Monday–Friday until loaded. */
export const CALENDAR_MISSING_WORD: Word = { zh: '日历缺失', en: 'Calendar missing' };

/** What else the timeline records: raising, attachments, merges into it, and the deadline timers. */
export const APPEAL_EVENT_WORDS = {
  raise: { zh: '已提出', en: 'Raised' },
  attach: { zh: '已上传附件', en: 'Attachment uploaded' },
  merged_from: { zh: '已并入重复诉求', en: 'Duplicate merged in' },
  respond_overdue: { zh: '超期未响应', en: 'Response overdue' },
  resolve_overdue: { zh: '超期未办结', en: 'Resolution overdue' },
  escalated: { zh: '已督办', en: 'Escalated' },
  rating_reminder: { zh: '已提醒评价', en: 'Reminded to rate' },
  // 融资 financing: the outcome of the financing need the appeal became.
  financing_outcome: { zh: '融资对接结果', en: 'Financing outcome' },
} as const satisfies Record<string, Word>;
export type AppealEventKind = keyof typeof APPEAL_EVENT_WORDS;

/** The two kinds of overdue (appeals/overdue.ts on the server), and either. */
export const OVERDUE_WORDS = {
  response: APPEAL_EVENT_WORDS.respond_overdue,
  resolution: APPEAL_EVENT_WORDS.resolve_overdue,
  any: { zh: '已超期', en: 'Overdue' },
} as const satisfies Record<string, Word>;

/** One language's words of a table: `{ code: word }`. */
export function wordsIn<K extends string>(table: Record<K, Word>, language: keyof Word): Record<K, string> {
  return Object.fromEntries(
    Object.entries<Word>(table).map(([code, word]) => [code, word[language]]),
  ) as Record<K, string>;
}

/** One language's verbs or past tenses of the actions. */
export function actionWordsIn(form: keyof ActionWords, language: keyof Word): Record<AppealAction, string> {
  return Object.fromEntries(
    Object.entries<ActionWords>(APPEAL_ACTION_WORDS).map(([code, words]) => [code, words[form][language]]),
  ) as Record<AppealAction, string>;
}

/** The appeal states' Chinese words (the ledgers and reports print these). */
export const APPEAL_STATE_LABELS: Record<AppealState, string> = wordsIn(APPEAL_STATE_WORDS, 'zh');

/** An outcome is named as the forward that gave it. */
export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, string> = {
  resolved: FORWARD_STATE_WORDS.resolved.zh,
  unsolvable: FORWARD_STATE_WORDS.unsolvable.zh,
};
