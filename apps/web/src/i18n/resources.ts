// Every text of the app in both languages: the shared ones (./zh-CN.ts, ./en-US.ts) merged with each
// feature's own (features/<feature>/i18n.ts). Keys stay global (t('users.title')); each feature's texts sit
// under top-level keys of its own.
import * as auth from '../features/auth/i18n.ts';
import * as home from '../features/home/i18n.ts';
import * as users from '../features/users/i18n.ts';
import * as orgUnits from '../features/org-units/i18n.ts';
import * as roles from '../features/roles/i18n.ts';
import * as audit from '../features/audit/i18n.ts';
import * as sessions from '../features/sessions/i18n.ts';
import * as search from '../features/search/i18n.ts';
import * as enterprises from '../features/enterprises/i18n.ts';
import * as imports from '../features/imports/i18n.ts';
import * as people from '../features/people/i18n.ts';
import * as chambers from '../features/chambers/i18n.ts';
import * as party from '../features/party/i18n.ts';
import * as appeals from '../features/appeals/i18n.ts';
import * as channels from '../features/channels/i18n.ts';
import * as calendar from '../features/calendar/i18n.ts';
import * as notifications from '../features/notifications/i18n.ts';
import * as suggestions from '../features/suggestions/i18n.ts';
import * as visits from '../features/visits/i18n.ts';
import * as ledgers from '../features/ledgers/i18n.ts';
import * as reports from '../features/reports/i18n.ts';
import * as dashboard from '../features/dashboard/i18n.ts';
import * as invitations from '../features/invitations/i18n.ts';
import * as departmentFigures from '../features/department-figures/i18n.ts';
import { enUS as sharedEnUS } from './en-US.ts';
import type { Translation } from './translation.ts';
import { zhCN as sharedZhCN } from './zh-CN.ts';

export const zhCN = {
  ...sharedZhCN,
  ...auth.zhCN,
  ...home.zhCN,
  ...users.zhCN,
  ...orgUnits.zhCN,
  ...roles.zhCN,
  ...audit.zhCN,
  ...sessions.zhCN,
  ...search.zhCN,
  ...enterprises.zhCN,
  ...imports.zhCN,
  ...people.zhCN,
  ...chambers.zhCN,
  ...party.zhCN,
  ...appeals.zhCN,
  ...channels.zhCN,
  ...calendar.zhCN,
  ...notifications.zhCN,
  ...suggestions.zhCN,
  ...visits.zhCN,
  ...ledgers.zhCN,
  ...reports.zhCN,
  ...dashboard.zhCN,
  ...invitations.zhCN,
  ...departmentFigures.zhCN,
};

export const enUS: Translation<typeof zhCN> = {
  ...sharedEnUS,
  ...auth.enUS,
  ...home.enUS,
  ...users.enUS,
  ...orgUnits.enUS,
  ...roles.enUS,
  ...audit.enUS,
  ...sessions.enUS,
  ...search.enUS,
  ...enterprises.enUS,
  ...imports.enUS,
  ...people.enUS,
  ...chambers.enUS,
  ...party.enUS,
  ...appeals.enUS,
  ...channels.enUS,
  ...calendar.enUS,
  ...notifications.enUS,
  ...suggestions.enUS,
  ...visits.enUS,
  ...ledgers.enUS,
  ...reports.enUS,
  ...dashboard.enUS,
  ...invitations.enUS,
  ...departmentFigures.enUS,
};
