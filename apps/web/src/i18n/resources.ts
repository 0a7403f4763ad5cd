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
import * as donations from '../features/donations/i18n.ts';
// events (issue 16)
import * as events from '../features/events/i18n.ts';
import * as visits from '../features/visits/i18n.ts';
import * as ledgers from '../features/ledgers/i18n.ts';
import * as reports from '../features/reports/i18n.ts';
import * as dashboard from '../features/dashboard/i18n.ts';
import * as invitations from '../features/invitations/i18n.ts';
import * as departmentFigures from '../features/department-figures/i18n.ts';
import * as ownFigures from '../features/own-figures/i18n.ts';
import * as volunteers from '../features/volunteers/i18n.ts';
// 惠企政策 policies
import * as policies from '../features/policies/i18n.ts';
// 服务包 service packages
import * as servicePackages from '../features/service-packages/i18n.ts';
import * as streetAdoption from '../features/street-adoption/i18n.ts';
// 融资 financing
import * as financing from '../features/financing/i18n.ts';
// 互助 mutual aid
import * as aid from '../features/aid/i18n.ts';
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
  ...donations.zhCN,
  ...visits.zhCN,
  ...ledgers.zhCN,
  ...reports.zhCN,
  ...dashboard.zhCN,
  ...invitations.zhCN,
  ...departmentFigures.zhCN,
  ...ownFigures.zhCN,
  ...volunteers.zhCN,
  ...streetAdoption.zhCN,
  // events (issue 16)
  ...events.zhCN,
  // 惠企政策 policies
  ...policies.zhCN,
  ...servicePackages.zhCN, // 服务包 service packages
  ...financing.zhCN, // 融资 financing
  ...aid.zhCN, // 互助 mutual aid
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
  ...donations.enUS,
  ...visits.enUS,
  ...ledgers.enUS,
  ...reports.enUS,
  ...dashboard.enUS,
  ...invitations.enUS,
  ...departmentFigures.enUS,
  ...ownFigures.enUS,
  ...volunteers.enUS,
  ...streetAdoption.enUS,
  // events (issue 16)
  ...events.enUS,
  // 惠企政策 policies
  ...policies.enUS,
  ...servicePackages.enUS, // 服务包 service packages
  ...financing.enUS, // 融资 financing
  ...aid.enUS, // 互助 mutual aid
};
