// The permission matrix: every role × every API route answers exactly as designed, and no route is
// registered without declaring what it needs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ROLES, type Role } from '@qinqing/shared';
import { createAccount, orgUnitId, setupTestApp, type TestApp } from '../../test/harness.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Expectation {
  /** Who may call it: `public`, `everyone` signed in, or the roles listed. */
  allowed: 'public' | 'everyone' | readonly Role[];
  /** Whether a user who must still change their initial password may call it. */
  beforePasswordChange?: boolean;
  body?: unknown;
  /** The exact status for an allowed caller with this request (ids are random, bodies minimal). */
  status: number;
}

const ADMINS = { sys: ['system_admin'], sec: ['security_admin'], audit: ['audit_admin'] } as const;
const REGISTRY_READERS = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'department_liaison',
  'department_head',
  'enterprise_contact',
] as const;
const REGISTRY_WRITERS = ['federation_staff', 'chamber_secretary'] as const;
const VISIT_READERS = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'enterprise_contact',
] as const;
const VISIT_WRITERS = ['federation_staff', 'chamber_secretary'] as const;
const APPEAL_READERS = REGISTRY_READERS;
const APPEAL_RAISERS = ['federation_staff', 'chamber_secretary', 'enterprise_contact'] as const;
const INVITERS = ['federation_staff', 'chamber_secretary'] as const;
// events (issue 16)
const EVENT_READERS = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'enterprise_contact',
] as const;
const EVENT_REGISTRARS = ['federation_staff', 'chamber_secretary', 'enterprise_contact'] as const;
const EVENT_RUNNERS = ['federation_staff', 'chamber_secretary'] as const;
const EVENT_FIGURE_READERS = ['federation_staff', 'federation_leader', 'chamber_secretary'] as const;
const VOLUNTEER_READERS = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'enterprise_contact',
] as const;
const VOLUNTEER_WRITERS = ['federation_staff', 'chamber_secretary'] as const;
const STREET_READERS = ['federation_staff', 'federation_leader'] as const;
const DONATION_READERS = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'enterprise_contact',
] as const;
const DONATION_RECORDERS = ['federation_staff', 'chamber_secretary', 'enterprise_contact'] as const;
// 惠企政策 policies
const POLICY_READERS = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'department_liaison',
] as const;
const POLICY_DRAFTERS = ['federation_staff', 'department_liaison'] as const;
const POLICY_PUSHERS = ['federation_staff', 'chamber_secretary'] as const;
// 融资 financing: needs read by staff, leaders, secretaries (their members'), contacts (their own) and bank
// account managers (sent to their bank); stated by staff, secretaries and contacts.
const FINANCING_READERS = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'enterprise_contact',
  'bank_manager',
] as const;
const FINANCING_STATERS = ['federation_staff', 'chamber_secretary', 'enterprise_contact'] as const;
// 互助 mutual aid: the board read by staff, leaders, secretaries and contacts; matches brokered by staff and
// secretaries.
const AID_READERS = DONATION_READERS;
const AID_POSTERS = ['federation_staff', 'chamber_secretary', 'enterprise_contact'] as const;
const AID_BROKERS = ['federation_staff', 'chamber_secretary'] as const;
// 服务包 service packages: read by staff, leaders and secretaries; written by staff; handed out by staff and
// secretaries (their own chamber's members); an enterprise contact's own.
const PACKAGE_READERS = ['federation_staff', 'federation_leader', 'chamber_secretary'] as const;
const PACKAGE_HANDERS = ['federation_staff', 'chamber_secretary'] as const;
const id = () => randomUUID();

const MATRIX: Record<string, Expectation> = {
  'GET /api/health': { allowed: 'public', status: 200 },
  'GET /api/openapi.json': { allowed: 'public', status: 200 },
  'POST /api/auth/login': { allowed: 'public', body: {}, status: 400 },
  'POST /api/auth/challenge': { allowed: 'public', body: {}, status: 200 },
  'GET /api/auth/options': { allowed: 'public', status: 200 },
  'POST /api/auth/sms-codes': { allowed: 'public', body: {}, status: 400 },
  'POST /api/auth/sms-login': { allowed: 'public', body: {}, status: 400 },
  'POST /api/auth/logout': { allowed: 'everyone', beforePasswordChange: true, status: 204 },
  'GET /api/auth/me': { allowed: 'everyone', beforePasswordChange: true, status: 200 },
  'POST /api/auth/password': { allowed: 'everyone', beforePasswordChange: true, body: {}, status: 400 },
  'GET /api/auth/sessions': { allowed: 'everyone', beforePasswordChange: true, status: 200 },
  'DELETE /api/auth/sessions/:id': { allowed: 'everyone', beforePasswordChange: true, status: 404 },
  'GET /api/users': { allowed: ['system_admin', 'security_admin'], status: 200 },
  'GET /api/users/:id': { allowed: ['system_admin', 'security_admin'], status: 404 },
  'POST /api/users': { allowed: ADMINS.sys, body: {}, status: 400 },
  'PATCH /api/users/:id': { allowed: ADMINS.sys, body: { version: 1 }, status: 404 },
  'POST /api/users/:id/password': {
    allowed: ADMINS.sys,
    body: { newPassword: 'Quiet-harbour-lamp-77' },
    status: 404,
  },
  'POST /api/users/:id/unlock': { allowed: ADMINS.sys, status: 404 },
  'PUT /api/users/:id/roles': { allowed: ADMINS.sec, body: { version: 1, roles: [] }, status: 404 },
  'GET /api/org-units': { allowed: 'everyone', status: 200 },
  'POST /api/org-units': { allowed: ADMINS.sys, body: {}, status: 400 },
  'PATCH /api/org-units/:id': { allowed: ADMINS.sys, body: { version: 1 }, status: 404 },
  'GET /api/roles': { allowed: ['system_admin', 'security_admin'], status: 200 },
  'GET /api/settings/security': { allowed: ADMINS.sec, status: 200 },
  'PUT /api/settings/security': { allowed: ADMINS.sec, body: {}, status: 400 },
  'GET /api/audit-events': { allowed: ADMINS.audit, status: 200 },
  'GET /api/audit-events/export.xlsx': { allowed: ADMINS.audit, status: 200 },
  'GET /api/audit-events/verify': { allowed: ADMINS.audit, status: 200 },
  'GET /api/enterprises': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/enterprises/:id': { allowed: REGISTRY_READERS, status: 404 },
  'GET /api/enterprises/:id/status-history': { allowed: REGISTRY_READERS, status: 404 },
  // 我的企业: an enterprise contact's own enterprise, chosen by the account, never by the request.
  'GET /api/own-enterprise': { allowed: ['enterprise_contact'], status: 200 },
  'POST /api/enterprises': { allowed: REGISTRY_WRITERS, body: {}, status: 400 },
  'PATCH /api/enterprises/:id': { allowed: REGISTRY_WRITERS, body: { version: 1 }, status: 404 },
  'POST /api/enterprises/:id/merge': {
    allowed: ['federation_staff'],
    body: { duplicateId: '00000000-0000-4000-8000-000000000000', version: 1 },
    status: 404,
  },
  'POST /api/enterprises/:id/contacts/:contactId/unmask': {
    allowed: ['federation_staff', 'federation_leader'],
    status: 404,
  },
  // People, chambers and party organizations: federation staff write; a chamber secretary, though holding
  // registry.write, is refused (403) everywhere but their chamber's roster. Bodies are valid so that the
  // refusal, not validation, answers.
  'GET /api/people': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/people/:id': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/people': { allowed: ['federation_staff'], body: { name: '矩阵测试人' }, status: 201 },
  'PATCH /api/people/:id': { allowed: ['federation_staff'], body: { version: 1 }, status: 404 },
  'POST /api/people/:id/unmask': { allowed: ['federation_staff', 'federation_leader'], status: 404 },
  'GET /api/chambers': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/chambers/:id': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/chambers': {
    allowed: ['federation_staff'],
    body: { parentId: '00000000-0000-4000-8000-000000000000', name: '矩阵商会', chamberType: 'industry' },
    status: 400,
  },
  'PATCH /api/chambers/:id': { allowed: ['federation_staff'], body: { version: 0 }, status: 404 },
  'GET /api/chambers/:id/members': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/chambers/:id/members': {
    allowed: REGISTRY_WRITERS,
    body: { enterpriseId: '00000000-0000-4000-8000-000000000000' },
    status: 404,
  },
  'PATCH /api/chambers/:id/members/:enterpriseId': {
    allowed: REGISTRY_WRITERS,
    body: { role: 'director' },
    status: 404,
  },
  'DELETE /api/chambers/:id/members/:enterpriseId': { allowed: REGISTRY_WRITERS, status: 404 },
  'POST /api/chambers/:id/members/:enterpriseId/end': {
    allowed: REGISTRY_WRITERS,
    body: { leftOn: '2025-01-01', reason: '企业迁出' },
    status: 404,
  },
  'GET /api/chambers/:id/former-members': { allowed: REGISTRY_READERS, status: 404 },
  'GET /api/chambers/:id/leaders': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/chambers/:id/leaders': {
    allowed: REGISTRY_WRITERS,
    body: { personId: '00000000-0000-4000-8000-000000000000', role: 'executive' },
    status: 404,
  },
  'PATCH /api/chambers/:id/leaders/:leaderId': {
    allowed: REGISTRY_WRITERS,
    body: { role: 'executive' },
    status: 404,
  },
  'DELETE /api/chambers/:id/leaders/:leaderId': { allowed: REGISTRY_WRITERS, status: 404 },
  'POST /api/chambers/:id/leaders/:leaderId/end': {
    allowed: REGISTRY_WRITERS,
    body: { termEnd: '2025-01-01', reason: '换届' },
    status: 404,
  },
  'GET /api/party-organizations': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/party-organizations/coverage': { allowed: REGISTRY_READERS, status: 200 },
  'GET /api/party-organizations/:id': { allowed: REGISTRY_READERS, status: 404 },
  'POST /api/party-organizations': {
    allowed: ['federation_staff'],
    body: { enterpriseId: '00000000-0000-4000-8000-000000000000', name: '矩阵党支部', form: 'joint_branch' },
    status: 400,
  },
  'PATCH /api/party-organizations/:id': { allowed: ['federation_staff'], body: { version: 1 }, status: 404 },
  'GET /api/search': { allowed: REGISTRY_READERS, status: 400 },
  'GET /api/reference/industries': { allowed: 'everyone', status: 200 },
  'GET /api/reference/divisions': { allowed: 'everyone', status: 200 },
  // Without a multipart body the import is refused as bad input (400), after the access check.
  'POST /api/enterprises/import': { allowed: ['federation_staff'], status: 400 },
  'GET /api/enterprises/import-template.xlsx': { allowed: ['federation_staff'], status: 200 },
  // The roster imports on the same pipeline: people and party organizations by staff; chamber memberships
  // by the roster's writers (a secretary for their own chamber: the rows decide, see roster-imports.test.ts).
  'POST /api/people/import': { allowed: ['federation_staff'], status: 400 },
  'GET /api/people/import-template.xlsx': { allowed: ['federation_staff'], status: 200 },
  'POST /api/party-organizations/import': { allowed: ['federation_staff'], status: 400 },
  'GET /api/party-organizations/import-template.xlsx': { allowed: ['federation_staff'], status: 200 },
  'POST /api/chamber-members/import': { allowed: REGISTRY_WRITERS, status: 400 },
  'GET /api/chamber-members/import-template.xlsx': { allowed: REGISTRY_WRITERS, status: 200 },
  'GET /api/enterprises/export.xlsx': {
    allowed: ['federation_staff', 'federation_leader', 'chamber_secretary'],
    status: 200,
  },
  'GET /api/jobs/:id': { allowed: REGISTRY_WRITERS, status: 404 },
  'GET /api/jobs/:id/report.xlsx': { allowed: REGISTRY_WRITERS, status: 404 },
  // 工作日历 the working-day calendar: read by everyone (without ?year=, 400), replaced by the system
  // administrator (the path's year is a random id here: 400 after the access check).
  'GET /api/calendar': { allowed: 'everyone', status: 400 },
  'PUT /api/calendar/:year': { allowed: ADMINS.sys, body: { days: [] }, status: 400 },
  'GET /api/calendar/status': { allowed: 'everyone', status: 200 },
  'POST /api/calendar/notices': { allowed: ADMINS.sys, body: {}, status: 400 },
  // 通知 notifications: everyone their own.
  'GET /api/notifications': { allowed: 'everyone', status: 200 },
  'GET /api/notifications/unread-count': { allowed: 'everyone', status: 200 },
  'POST /api/notifications/:id/read': { allowed: 'everyone', status: 404 },
  'POST /api/notifications/read-all': { allowed: 'everyone', status: 200 },
  'GET /api/notifications/preferences': { allowed: 'everyone', status: 200 },
  // 接口令牌: the security administrator only; the hotline's intake is a permission only tokens are given.
  'POST /api/api-tokens': { allowed: ADMINS.sec, body: {}, status: 400 },
  'GET /api/api-tokens': { allowed: ADMINS.sec, status: 200 },
  'GET /api/api-tokens/uses': { allowed: ADMINS.sec, status: 200 },
  'DELETE /api/api-tokens/:id': { allowed: ADMINS.sec, status: 404 },
  'POST /api/hotline/appeals': { allowed: [], body: {}, status: 400 },
  // The API reference page (Swagger UI, its files served from here).
  'GET /api/docs/': { allowed: 'public', status: 200 },
  'GET /api/docs/static/index.html': { allowed: 'public', status: 302 },
  'GET /api/docs/static/swagger-initializer.js': { allowed: 'public', status: 200 },
  'GET /api/docs/static/*': { allowed: 'public', status: 404 },
  'GET /api/docs/json': { allowed: 'public', status: 200 },
  'GET /api/docs/yaml': { allowed: 'public', status: 200 },
  'PUT /api/notifications/preferences': { allowed: 'everyone', body: {}, status: 400 },
  // Test mode only (this app runs with NODE_ENV=test): the clock (no time given: 400) and the scheduler.
  'PUT /api/test/clock': { allowed: 'everyone', body: {}, status: 400 },
  'DELETE /api/test/clock': { allowed: 'everyone', status: 200 },
  'POST /api/test/scheduler/run': { allowed: 'everyone', status: 200 },
  // 走访 visits and visit plans: read by federation staff and leaders, chamber secretaries and enterprise
  // contacts (their own done visits); recorded by federation staff and chamber secretaries.
  'GET /api/visits': { allowed: VISIT_READERS, status: 200 },
  'GET /api/visits/visitors': { allowed: VISIT_READERS, status: 200 },
  'GET /api/visits/coverage': { allowed: VISIT_READERS, status: 200 },
  'GET /api/visits/:id': { allowed: VISIT_READERS, status: 404 },
  'POST /api/visits': { allowed: VISIT_WRITERS, body: {}, status: 400 },
  'PATCH /api/visits/:id': { allowed: VISIT_WRITERS, body: { version: 1 }, status: 404 },
  'GET /api/visit-plans': { allowed: VISIT_READERS, status: 200 },
  'GET /api/visit-plans/:id': { allowed: VISIT_READERS, status: 404 },
  'POST /api/visit-plans': { allowed: VISIT_WRITERS, body: {}, status: 400 },
  'PATCH /api/visit-plans/:id': { allowed: VISIT_WRITERS, body: { version: 1 }, status: 404 },
  // 诉求 appeals: read within each role's scope; raised by staff, chamber secretaries and enterprise
  // contacts; transitions are open to every reader and the state machine decides (403/409 there).
  'POST /api/appeals': { allowed: APPEAL_RAISERS, body: {}, status: 400 },
  'GET /api/appeals': { allowed: APPEAL_READERS, status: 200 },
  'GET /api/appeals/inbox': { allowed: ['department_liaison'], status: 200 },
  // 诉求统计 appeal figures: federation staff and leaders, for their own subtree.
  'GET /api/appeals/stats': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/appeals/:id': { allowed: APPEAL_READERS, status: 404 },
  'POST /api/appeals/:id/transitions': { allowed: APPEAL_READERS, body: {}, status: 400 },
  'POST /api/appeals/:id/attachments': { allowed: APPEAL_READERS, status: 400 },
  'GET /api/appeals/:id/attachments/:attachmentId': { allowed: APPEAL_READERS, status: 404 },
  'POST /api/appeals/:id/contact/unmask': { allowed: APPEAL_READERS, status: 404 },
  // 快捷通道 channels and 诉求类别 categories: configured by federation staff.
  'GET /api/channels': { allowed: APPEAL_READERS, status: 200 },
  'POST /api/channels': { allowed: ['federation_staff'], body: {}, status: 400 },
  'PATCH /api/channels/:id': {
    allowed: ['federation_staff'],
    body: { version: 1, openToSubordinates: true },
    status: 404,
  },
  'GET /api/appeal-categories': { allowed: 'everyone', status: 200 },
  'PUT /api/appeal-categories/:code': { allowed: ['federation_staff'], body: {}, status: 400 },
  'POST /api/appeal-categories/:code/inherit': { allowed: ['federation_staff'], body: {}, status: 400 },
  // 建言 suggestions: read by federation staff and leaders, written by federation staff.
  'GET /api/suggestions': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/suggestions/stats': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/suggestions/:id': { allowed: ['federation_staff', 'federation_leader'], status: 404 },
  'POST /api/suggestions': { allowed: ['federation_staff'], body: {}, status: 400 },
  'PATCH /api/suggestions/:id': { allowed: ['federation_staff'], body: { version: 1 }, status: 404 },
  'POST /api/suggestions/:id/transitions': {
    allowed: ['federation_staff'],
    body: { action: 'submit', version: 1, submittedOn: '2025-01-01' },
    status: 404,
  },
  // 台账 ledgers (.xlsx): federation staff and leaders, for their own unit and this quarter by default.
  'GET /api/ledgers/members.xlsx': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/ledgers/visits.xlsx': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/ledgers/appeals.xlsx': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/ledgers/social-responsibility.xlsx': {
    allowed: ['federation_staff', 'federation_leader'],
    status: 200,
  },
  // 报告 reports (.docx): read by federation staff and leaders, generated and edited by federation staff.
  'POST /api/reports': { allowed: ['federation_staff'], body: {}, status: 400 },
  'GET /api/reports': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'GET /api/reports/:id': { allowed: ['federation_staff', 'federation_leader'], status: 404 },
  'PUT /api/reports/:id/commentary': {
    allowed: ['federation_staff'],
    body: { version: 1, sections: {} },
    status: 404,
  },
  'POST /api/reports/:id/regenerate': { allowed: ['federation_staff'], status: 404 },
  'GET /api/reports/:id/file.docx': { allowed: ['federation_staff', 'federation_leader'], status: 404 },
  // 工作看板 dashboard: federation staff and leaders, their own unit and this quarter by default.
  'GET /api/dashboard': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  // 本部门办理情况: a department head's figures of what was forwarded to the department.
  'GET /api/department-figures': { allowed: ['department_head'], status: 200 },
  // 本单位工作情况: a department's own figures for its liaison and head, a chamber's for its secretary.
  'GET /api/own-figures/department': { allowed: ['department_liaison', 'department_head'], status: 200 },
  'GET /api/own-figures/chamber': { allowed: ['chamber_secretary'], status: 200 },
  // 指标 measures: the catalogue and values, for those who read the dashboard.
  'GET /api/measures': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  // Without the ids asked for: a 400 that names the field, for those allowed.
  'GET /api/measures/values': { allowed: ['federation_staff', 'federation_leader'], status: 400 },
  // 邀请 invitations and 账号申请: staff and chamber secretaries invite and decide; accepting, setting a
  // password by link and asking for access are public (bad input 400).
  'POST /api/invitations': { allowed: INVITERS, body: {}, status: 400 },
  'POST /api/invitations/batches': { allowed: INVITERS, body: {}, status: 400 },
  'GET /api/invitations/batches/:id': { allowed: INVITERS, status: 404 },
  'GET /api/invitations': { allowed: INVITERS, status: 200 },
  'GET /api/invitations/letters.docx': { allowed: INVITERS, status: 400 },
  'GET /api/invitations/list.txt': { allowed: INVITERS, status: 400 },
  'GET /api/invitations/preview': { allowed: 'public', status: 400 },
  'POST /api/invitations/accept': { allowed: 'public', body: {}, status: 400 },
  'POST /api/password-resets': { allowed: INVITERS, body: {}, status: 400 },
  'POST /api/password-resets/redeem': { allowed: 'public', body: {}, status: 400 },
  'POST /api/access-requests': { allowed: 'public', body: {}, status: 400 },
  'GET /api/access-requests': { allowed: INVITERS, status: 200 },
  'POST /api/access-requests/:id/transitions': {
    allowed: INVITERS,
    body: { action: 'approve', version: 1 },
    status: 404,
  },
  // 捐赠 donations: read by staff, leaders, secretaries (their chamber's and members') and contacts (their
  // own); recorded by staff, secretaries and contacts (pending); campaigns by staff; transitions open to
  // every reader, the state machine answers 403 to those who do not confirm (and 404 first here: random id).
  'GET /api/campaigns': { allowed: DONATION_READERS, status: 200 },
  'GET /api/campaigns/:id': { allowed: DONATION_READERS, status: 404 },
  'POST /api/campaigns': { allowed: ['federation_staff'], body: {}, status: 400 },
  'GET /api/donations': { allowed: DONATION_READERS, status: 200 },
  'GET /api/donations/stats': { allowed: DONATION_READERS, status: 400 },
  'GET /api/donations/:id': { allowed: DONATION_READERS, status: 404 },
  'POST /api/donations': { allowed: DONATION_RECORDERS, body: {}, status: 400 },
  'POST /api/donations/:id/transitions': {
    allowed: DONATION_READERS,
    body: { action: 'confirm', version: 1 },
    status: 404,
  },
  'GET /api/donations/:id/acknowledgement.docx': { allowed: DONATION_READERS, status: 404 },
  // Evidence: readers may ask (the service answers 403 to leaders, who do not record); no file here: 400.
  'POST /api/donations/:id/attachments': { allowed: DONATION_READERS, status: 400 },
  'GET /api/donations/:id/attachments/:attachmentId': { allowed: DONATION_READERS, status: 404 },
  'GET /api/party-organizations/:id/donation-participation': { allowed: DONATION_READERS, status: 404 },
  // 志愿服务 volunteering: read by staff, leaders, secretaries (their chamber's) and contacts (their own);
  // recorded by staff and secretaries; a secretary's activity confirmed by staff.
  'GET /api/volunteers': { allowed: VOLUNTEER_READERS, status: 200 },
  'GET /api/volunteers/:id': { allowed: VOLUNTEER_READERS, status: 404 },
  'POST /api/volunteers': { allowed: VOLUNTEER_WRITERS, body: {}, status: 400 },
  'GET /api/volunteer-teams': { allowed: VOLUNTEER_READERS, status: 200 },
  'POST /api/volunteer-teams': { allowed: VOLUNTEER_WRITERS, body: {}, status: 400 },
  'POST /api/volunteer-teams/:id/members': {
    allowed: VOLUNTEER_WRITERS,
    body: { volunteerIds: [id()] },
    status: 404,
  },
  'GET /api/volunteer-activities': { allowed: VOLUNTEER_READERS, status: 200 },
  'GET /api/volunteer-activities/:id': { allowed: VOLUNTEER_READERS, status: 404 },
  'POST /api/volunteer-activities': { allowed: VOLUNTEER_WRITERS, body: {}, status: 400 },
  'POST /api/volunteer-activities/:id/signups': {
    allowed: VOLUNTEER_WRITERS,
    body: { volunteerIds: [id()] },
    status: 404,
  },
  'POST /api/volunteer-activities/:id/service': {
    allowed: VOLUNTEER_WRITERS,
    body: { entries: [{ volunteerId: id(), hours: '1.5' }] },
    status: 404,
  },
  'POST /api/volunteer-activities/:id/transitions': {
    allowed: ['federation_staff'],
    body: { action: 'confirm', version: 1 },
    status: 404,
  },
  'GET /api/blood-drives': { allowed: VOLUNTEER_READERS, status: 200 },
  'POST /api/blood-drives': { allowed: VOLUNTEER_WRITERS, body: {}, status: 400 },
  'PATCH /api/blood-drives/:id': { allowed: VOLUNTEER_WRITERS, body: { version: 1 }, status: 404 },
  // 小巷管家 street adoption: read by federation staff and leaders, kept by staff.
  'GET /api/street-segments': { allowed: STREET_READERS, status: 400 },
  'POST /api/street-segments': { allowed: ['federation_staff'], body: {}, status: 400 },
  'POST /api/street-segments/import': { allowed: ['federation_staff'], status: 400 },
  'GET /api/street-segments/import-template.xlsx': { allowed: ['federation_staff'], status: 200 },
  'POST /api/street-segments/:id/adoptions': {
    allowed: ['federation_staff'],
    body: { personId: id(), adoptedOn: '2025-01-01' },
    status: 404,
  },
  'POST /api/street-adoptions/:id/end': {
    allowed: ['federation_staff'],
    body: { endedOn: '2025-01-01', reason: '迁出' },
    status: 404,
  },
  'GET /api/street-matters': { allowed: STREET_READERS, status: 200 },
  'POST /api/street-matters': { allowed: ['federation_staff'], body: {}, status: 400 },
  'GET /api/street-coverage': { allowed: STREET_READERS, status: 200 },
  // events (issue 16): read by staff, leaders, secretaries and contacts (those open to them); run by staff
  // and secretaries; figures and duty not for contacts; check-in public with a token (forged here: 401).
  'GET /api/events': { allowed: EVENT_READERS, status: 200 },
  'GET /api/events/stats': { allowed: EVENT_FIGURE_READERS, status: 200 },
  'POST /api/events': { allowed: EVENT_RUNNERS, body: {}, status: 400 },
  'GET /api/events/:id': { allowed: EVENT_READERS, status: 404 },
  // 活动类型: read by every events reader; defined by staff (events.configure).
  'GET /api/event-kinds': { allowed: EVENT_READERS, status: 200 },
  'POST /api/event-kinds': { allowed: ['federation_staff'], body: {}, status: 400 },
  'PUT /api/event-kinds/:code': { allowed: ['federation_staff'], body: {}, status: 400 },
  'POST /api/events/:id/transitions': {
    allowed: EVENT_READERS,
    body: { action: 'close', version: 1 },
    status: 404,
  },
  'GET /api/events/:id/registrations': { allowed: EVENT_READERS, status: 404 },
  'POST /api/events/:id/registrations': {
    allowed: EVENT_REGISTRARS,
    body: { personName: '张三' },
    status: 404,
  },
  'POST /api/event-registrations/:id/cancel': { allowed: EVENT_REGISTRARS, status: 404 },
  'GET /api/events/:id/attendance-sheet.xlsx': { allowed: EVENT_READERS, status: 404 },
  'GET /api/event-registrations/:id/certificate.docx': { allowed: EVENT_READERS, status: 404 },
  'GET /api/event-sessions/:id/check-in-token': { allowed: EVENT_RUNNERS, status: 404 },
  'POST /api/event-sessions/:id/attendance-import': { allowed: EVENT_RUNNERS, status: 400 },
  'GET /api/event-sessions/attendance-import-template.xlsx': { allowed: EVENT_RUNNERS, status: 200 },
  'PUT /api/events/:id/links': {
    allowed: EVENT_RUNNERS,
    body: { policyIds: [], campaignId: null },
    status: 404,
  },
  'GET /api/check-ins/session': { allowed: 'public', status: 400 },
  'POST /api/check-ins': {
    allowed: 'public',
    body: { token: 'forged', nonce: 'abcdefgh12', mobile: '13800000000' },
    status: 401,
  },
  'GET /api/chambers/activity-duty': { allowed: EVENT_FIGURE_READERS, status: 200 },
  'GET /api/chambers/:id/activity-duty': { allowed: EVENT_FIGURE_READERS, status: 404 },
  'GET /api/chambers/:id/event-robot': { allowed: EVENT_RUNNERS, status: 404 },
  'PUT /api/chambers/:id/event-robot': { allowed: EVENT_RUNNERS, body: { webhookUrl: null }, status: 404 },
  'POST /api/honours': { allowed: ['federation_staff'], body: {}, status: 400 },
  'GET /api/honours': { allowed: EVENT_READERS, status: 200 },
  // 惠企政策 policies: read by staff, leaders, secretaries (published, reaching them) and liaisons (their
  // department's); drafted by staff and liaisons; pushed by staff and secretaries; transitions open to every
  // reader (the state machine answers 403 to those who do not publish); the enterprise contact's own side.
  'GET /api/policies': { allowed: POLICY_READERS, status: 200 },
  'POST /api/policies': { allowed: POLICY_DRAFTERS, body: {}, status: 400 },
  'POST /api/policies/match-preview': { allowed: POLICY_DRAFTERS, body: {}, status: 400 },
  'GET /api/policies/stats': { allowed: POLICY_READERS, status: 400 },
  'GET /api/policies/:id': { allowed: POLICY_READERS, status: 404 },
  'GET /api/policies/compilation.docx': { allowed: POLICY_READERS, status: 400 },
  'PATCH /api/policies/:id': { allowed: POLICY_DRAFTERS, body: { version: 1 }, status: 404 },
  'POST /api/policies/:id/transitions': {
    allowed: POLICY_READERS,
    body: { action: 'publish', version: 1 },
    status: 404,
  },
  'GET /api/policies/:id/matches': { allowed: POLICY_READERS, status: 404 },
  'POST /api/policies/:id/pushes': { allowed: POLICY_PUSHERS, body: { target: 'matched' }, status: 404 },
  'POST /api/policies/:id/push-count': { allowed: POLICY_PUSHERS, body: { target: 'matched' }, status: 404 },
  'GET /api/policies/:id/pushes': { allowed: POLICY_READERS, status: 404 },
  'GET /api/policy-pushes/:id': { allowed: POLICY_READERS, status: 404 },
  'GET /api/policies/:id/redemptions': { allowed: POLICY_READERS, status: 404 },
  'POST /api/policies/:id/attachments': { allowed: POLICY_DRAFTERS, status: 400 },
  'GET /api/policies/:id/attachments/:attachmentId': { allowed: POLICY_READERS, status: 404 },
  'DELETE /api/policies/:id/attachments/:attachmentId': { allowed: POLICY_DRAFTERS, status: 404 },
  'GET /api/my/policies/:id/attachments/:attachmentId': { allowed: ['enterprise_contact'], status: 404 },
  'POST /api/policies/:id/redemptions': {
    allowed: ['federation_staff'],
    body: { enterpriseId: id(), status: 'applied' },
    status: 404,
  },
  'GET /api/my/policies': { allowed: ['enterprise_contact'], status: 200 },
  'GET /api/my/policies/:id': { allowed: ['enterprise_contact'], status: 404 },
  'GET /api/my/redemptions': { allowed: ['enterprise_contact'], status: 200 },
  'POST /api/policies/:id/read': { allowed: ['enterprise_contact'], status: 404 },
  'POST /api/policies/:id/marks': {
    allowed: ['enterprise_contact'],
    body: { mark: 'interested' },
    status: 404,
  },
  'POST /api/policies/:id/questions': {
    allowed: ['enterprise_contact'],
    body: { question: '如何申报？' },
    status: 404,
  },
  'POST /api/my/policies/:id/redemptions': {
    allowed: ['enterprise_contact'],
    body: { status: 'applied' },
    status: 404,
  },
  // 服务包 service packages: transitions open to every reader (the machine answers 403 to those who do not
  // write; 404 first here: random id).
  'GET /api/service-packages': { allowed: PACKAGE_READERS, status: 200 },
  'POST /api/service-packages': { allowed: ['federation_staff'], body: {}, status: 400 },
  'GET /api/service-packages/stats': { allowed: PACKAGE_READERS, status: 400 },
  'GET /api/service-packages/:id': { allowed: PACKAGE_READERS, status: 404 },
  'PATCH /api/service-packages/:id': { allowed: ['federation_staff'], body: { version: 1 }, status: 404 },
  'POST /api/service-packages/:id/transitions': {
    allowed: PACKAGE_READERS,
    body: { action: 'publish', version: 1 },
    status: 404,
  },
  'GET /api/service-packages/:id/holders': { allowed: PACKAGE_READERS, status: 404 },
  'GET /api/service-packages/:id/holders.xlsx': { allowed: PACKAGE_READERS, status: 404 },
  'POST /api/service-packages/:id/holders/count': {
    allowed: PACKAGE_HANDERS,
    body: { enterpriseIds: [id()] },
    status: 404,
  },
  'POST /api/service-packages/:id/holders': {
    allowed: PACKAGE_HANDERS,
    body: { enterpriseIds: [id()] },
    status: 404,
  },
  'DELETE /api/service-packages/:id/holders/:enterpriseId': { allowed: PACKAGE_HANDERS, status: 404 },
  'GET /api/my/service-packages': { allowed: ['enterprise_contact'], status: 200 },
  // 融资 financing: transitions open to every reader, the state machine answers 403 to those without a
  // capacity (and 404 first here: random id); figures for those who read the dashboard.
  'GET /api/financing-needs': { allowed: FINANCING_READERS, status: 200 },
  'POST /api/financing-needs': { allowed: FINANCING_STATERS, body: {}, status: 400 },
  'GET /api/financing-needs/:id': { allowed: FINANCING_READERS, status: 404 },
  'POST /api/financing-needs/:id/transitions': {
    allowed: FINANCING_READERS,
    body: { action: 'vet', version: 1 },
    status: 404,
  },
  'GET /api/banks': { allowed: FINANCING_READERS, status: 200 },
  'GET /api/banks/:id/products': { allowed: FINANCING_READERS, status: 404 },
  'POST /api/banks/:id/products': { allowed: ['bank_manager'], body: {}, status: 400 },
  'GET /api/financing-programs': { allowed: FINANCING_READERS, status: 200 },
  'POST /api/financing-programs': { allowed: ['federation_staff'], body: {}, status: 400 },
  'GET /api/financing-programs/:id': { allowed: FINANCING_READERS, status: 404 },
  'POST /api/financing-programs/:id/entries': {
    allowed: ['federation_staff'],
    body: { enterpriseId: id() },
    status: 404,
  },
  'GET /api/financing/stats': { allowed: ['federation_staff', 'federation_leader'], status: 400 },
  // 互助 mutual aid
  'GET /api/aid-posts': { allowed: AID_READERS, status: 200 },
  'POST /api/aid-posts': { allowed: AID_POSTERS, body: {}, status: 400 },
  'GET /api/aid-posts/:id': { allowed: AID_READERS, status: 404 },
  'GET /api/aid-posts/:id/matches': { allowed: AID_READERS, status: 404 },
  'GET /api/aid/stats': { allowed: ['federation_staff', 'federation_leader'], status: 200 },
  'POST /api/aid-matches': { allowed: AID_BROKERS, body: {}, status: 400 },
  'GET /api/aid-matches': { allowed: AID_READERS, status: 200 },
  'GET /api/aid-matches/:id': { allowed: AID_READERS, status: 404 },
  'POST /api/aid-matches/:id/transitions': {
    allowed: AID_READERS,
    body: { action: 'accept', version: 1 },
    status: 404,
  },
};

function isAllowed(expectation: Expectation, role: Role): boolean {
  const { allowed } = expectation;
  return allowed === 'public' || allowed === 'everyone' || allowed.includes(role);
}

describe('permission matrix', () => {
  let t: TestApp;
  const userOfRole = new Map<Role, string>();
  let mustChangeUser: string;

  before(async () => {
    t = await setupTestApp();
    for (const [username, role] of [
      ['sysadmin', 'system_admin'],
      ['secadmin', 'security_admin'],
      ['auditor', 'audit_admin'],
      ['staff', 'federation_staff'],
      ['leader', 'federation_leader'],
      ['secretary', 'chamber_secretary'],
      ['liaison', 'department_liaison'],
      ['hrhead', 'department_head'],
      ['member', 'enterprise_contact'],
      ['banker', 'bank_manager'], // 融资 financing
    ] as const) {
      userOfRole.set(role, await t.userId(username));
    }
    mustChangeUser = await createAccount(t, {
      username: 'fresh-sysadmin',
      orgUnitId: await orgUnitId(t, '示例市工商联'),
      roles: ['system_admin'],
      mustChangePassword: true,
    });
  });
  after(() => t.close());

  const send = async (key: string, cookie?: string) => {
    const [method, path] = key.split(' ') as [Method, string];
    const expectation = MATRIX[key]!;
    return t.request({ method, url: path.replace(/:\w+/g, () => id()), body: expectation.body, cookie });
  };

  it('every API route declares its access, and every one is in this matrix', () => {
    const apiRoutes = t.routes.filter((route) => route.url.startsWith('/api/'));
    const undeclared = apiRoutes.filter((route) => !route.config || !('access' in (route.config as object)));
    assert.deepEqual(
      undeclared.map((route) => `${String(route.method)} ${route.url}`),
      [],
      'routes without config.access',
    );
    const registered = new Set(
      apiRoutes.flatMap((route) =>
        [route.method]
          .flat()
          .filter((m) => m !== 'HEAD')
          .map((m) => `${m} ${route.url}`),
      ),
    );
    assert.deepEqual([...registered].sort(), Object.keys(MATRIX).sort());
  });

  for (const key of Object.keys(MATRIX)) {
    it(`${key}: anonymous, each role, and a user yet to change the password`, async () => {
      const expectation = MATRIX[key]!;
      const anonymous = await send(key);
      assert.equal(
        anonymous.statusCode,
        expectation.allowed === 'public' ? expectation.status : 401,
        `anonymous: ${anonymous.body}`,
      );
      for (const role of ROLES) {
        const cookie = await t.sessionFor(userOfRole.get(role)!);
        const response = await send(key, cookie);
        const want = isAllowed(expectation, role) ? expectation.status : 403;
        assert.equal(response.statusCode, want, `${role}: ${response.body.slice(0, 200)}`);
        if (want === 403) assert.equal(response.json().error.code, 'FORBIDDEN');
      }
      const pending = await send(key, await t.sessionFor(mustChangeUser));
      if (expectation.allowed === 'public' || expectation.beforePasswordChange) {
        assert.equal(pending.statusCode, expectation.status, pending.body);
      } else {
        assert.equal(pending.statusCode, 403);
        assert.equal(pending.json().error.code, 'PASSWORD_CHANGE_REQUIRED');
      }
    });
  }

  // Lists answer exactly the rows the scope rules (docs/ARCHITECTURE.md, "Data scope"; registry-scope.ts and
  // appeal-scope.ts) give each role — written here again as plain SQL over the demo, so that a list that
  // leaks a row, or loses one, fails. $1: the account's org-unit path, $2: its enterprise.
  const subtree = (column: string) => `${column} IN (SELECT id FROM org_units WHERE path LIKE $1 || '%')`;
  const chambersOf =
    "(SELECT id FROM org_units WHERE path LIKE $1 || '%' AND kind IN ('chamber', 'association'))";
  const membersOf = `(SELECT enterprise_id FROM chamber_memberships WHERE chamber_id IN ${chambersOf})`;
  const departmentsOf = "(SELECT id FROM org_units WHERE path LIKE $1 || '%' AND kind = 'department')";
  const forwardedTo = `(SELECT a.enterprise_id FROM appeals a JOIN appeal_forwards f ON f.appeal_id = a.id WHERE f.department_id IN ${departmentsOf})`;
  const none = 'false';
  const packagesAbove =
    "(sp.state <> 'draft' AND $1 LIKE (SELECT path FROM org_units WHERE id = sp.org_unit_id) || '%')";
  type Rule = Partial<Record<Role, string>>;
  const federation = (where: string): Rule => ({ federation_staff: where, federation_leader: where });
  const department = (where: string): Rule => ({ department_liaison: where, department_head: where });
  const LIST_SCOPES: { url: string; from: string; rule: Rule }[] = [
    {
      url: '/api/enterprises',
      from: 'enterprises e WHERE e.merged_into_id IS NULL AND',
      rule: {
        ...federation(subtree('e.org_unit_id')),
        chamber_secretary: `e.id IN ${membersOf}`,
        ...department(`e.id IN ${forwardedTo}`),
        enterprise_contact: 'e.id = $2',
      },
    },
    {
      url: '/api/people',
      from: 'people p WHERE',
      rule: {
        ...federation(subtree('p.org_unit_id')),
        chamber_secretary: `(p.id IN (SELECT person_id FROM person_positions WHERE enterprise_id IN ${membersOf}) OR p.id IN (SELECT person_id FROM chamber_leaders WHERE chamber_id IN ${chambersOf}))`,
        ...department(none),
        enterprise_contact: 'p.id IN (SELECT person_id FROM person_positions WHERE enterprise_id = $2)',
      },
    },
    {
      // Liaisons and heads read an enterprise for its appeals, never its party organization.
      url: '/api/party-organizations',
      from: 'party_organizations o WHERE',
      rule: {
        ...federation(
          `(${subtree('o.chamber_id')} OR o.enterprise_id IN (SELECT id FROM enterprises WHERE ${subtree('org_unit_id')}))`,
        ),
        chamber_secretary: `(o.chamber_id IN ${chambersOf} OR o.enterprise_id IN ${membersOf})`,
        ...department(none),
        enterprise_contact: 'o.enterprise_id = $2',
      },
    },
    {
      url: '/api/chambers',
      from: "org_units c WHERE c.kind IN ('chamber', 'association') AND",
      rule: {
        ...federation(subtree('c.id')),
        chamber_secretary: `c.id IN ${chambersOf}`,
        ...department(none),
        enterprise_contact: none,
      },
    },
    {
      url: '/api/appeals',
      from: 'appeals a WHERE',
      rule: {
        ...federation(subtree('a.org_unit_id')),
        chamber_secretary: `(a.enterprise_id IN ${membersOf} OR a.chamber_id IN ${chambersOf})`,
        ...department(
          `a.id IN (SELECT appeal_id FROM appeal_forwards f WHERE f.department_id IN ${departmentsOf} AND NOT (f.across_levels AND f.state IN ('returned', 'withdrawn')))`,
        ),
        enterprise_contact: 'a.enterprise_id = $2',
      },
    },
    {
      // 服务包: the subtree's packages in any state and the published or closed ones of the units above.
      url: '/api/service-packages',
      from: 'service_packages sp WHERE',
      rule: {
        ...federation(`(${subtree('sp.org_unit_id')} OR ${packagesAbove})`),
        chamber_secretary: packagesAbove,
      },
    },
  ];

  const listAll = async (url: string, cookie: string): Promise<string[]> => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const response = await t.request({ url: `${url}?pageSize=200&page=${page}`, cookie });
      assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 200)}`);
      const body = response.json() as { items: { id: string }[]; total: number };
      ids.push(...body.items.map((item) => item.id));
      if (body.items.length < 200 || ids.length >= body.total) return ids;
    }
  };

  for (const { url, from, rule } of LIST_SCOPES) {
    it(`GET ${url} lists for each role exactly the rows its scope rule gives`, async () => {
      let seenSomething = 0;
      for (const role of ROLES) {
        const userId = userOfRole.get(role)!;
        const cookie = await t.sessionFor(userId);
        const where = rule[role];
        if (where === undefined) {
          assert.equal((await t.request({ url, cookie })).statusCode, 403, `${role} may not list ${url}`);
          continue;
        }
        const { rows: accounts } = await t.database.pool.query<{
          path: string;
          enterprise_id: string | null;
        }>(
          'SELECT o.path, u.enterprise_id FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = $1',
          [userId],
        );
        const { path, enterprise_id } = accounts[0]!;
        const { rows } = await t.database.pool.query<{ id: string }>(
          `SELECT id FROM ${from} ${where.replaceAll('$2', '$2::uuid')} AND $1::text IS NOT NULL AND ($2::uuid IS NULL OR true)`,
          [path, enterprise_id],
        );
        const expected = rows.map((row) => row.id).sort();
        const listed = await listAll(url, cookie);
        assert.equal(new Set(listed).size, listed.length, `${role}: ${url} lists a row twice`);
        assert.deepEqual(listed.sort(), expected, `${role}: ${url}`);
        seenSomething += listed.length > 0 ? 1 : 0;
      }
      assert.ok(seenSomething > 0, `the demo gives someone rows of ${url}`);
    });
  }

  it('a liaison holding appeals of enterprises with party organizations sees none of those', async () => {
    const { rows } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM party_organizations WHERE enterprise_id IN (SELECT a.enterprise_id FROM appeals a JOIN appeal_forwards f ON f.appeal_id = a.id JOIN users u ON u.org_unit_id = f.department_id WHERE u.username = 'liaison')`,
    );
    assert.ok(rows[0]!.n > 0, 'the demo liaison holds appeals of enterprises with party organizations');
    const cookie = await t.sessionFor(userOfRole.get('department_liaison')!);
    assert.deepEqual(await listAll('/api/party-organizations', cookie), []);
  });

  it('a refused call is audited as access.denied', async () => {
    const cookie = await t.sessionFor(userOfRole.get('federation_staff')!);
    await t.request({ url: '/api/audit-events', cookie });
    const { rows } = await t.database.pool.query(
      "SELECT actor_name, result, detail->>'route' AS route FROM audit_events WHERE action = 'access.denied' ORDER BY seq DESC LIMIT 1",
    );
    assert.deepEqual(rows[0], { actor_name: 'staff', result: 'denied', route: '/api/audit-events' });
  });
});
