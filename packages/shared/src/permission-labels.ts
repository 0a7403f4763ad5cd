// 权限名称 permission names: every permission code in the words of the people who grant it — a name in
// Chinese and English, the group it belongs to and one sentence on what it lets an account do. The roles
// page shows these; the codes are for the server and appear only as secondary text.
import type { Permission } from './access.ts';

export const PERMISSION_GROUPS = ['registry', 'serviceLoop', 'figures', 'system', 'securityAudit'] as const;
export type PermissionGroup = (typeof PERMISSION_GROUPS)[number];

export const PERMISSION_GROUP_LABELS: Record<PermissionGroup, { zh: string; en: string }> = {
  registry: { zh: '名册', en: 'Member registry' },
  serviceLoop: { zh: '服务闭环', en: 'Service loop' },
  figures: { zh: '看板与报告', en: 'Dashboard and reports' },
  system: { zh: '系统管理', en: 'System administration' },
  securityAudit: { zh: '安全与审计', en: 'Security and audit' },
};

export interface PermissionLabel {
  group: PermissionGroup;
  zh: string;
  en: string;
  descriptionZh: string;
  descriptionEn: string;
}

export const PERMISSION_LABELS: Record<Permission, PermissionLabel> = {
  'users.read': {
    group: 'system',
    zh: '查看账号',
    en: 'View accounts',
    descriptionZh: '查看本单位及下级单位的用户账号、角色与状态。',
    descriptionEn: 'See the user accounts of the own unit and those below, with their roles and status.',
  },
  'users.manage': {
    group: 'system',
    zh: '管理账号',
    en: 'Manage accounts',
    descriptionZh: '新建、修改、停用账号，重置密码（不能接管安全管理员和审计管理员的账号）。',
    descriptionEn:
      'Create, edit and disable accounts and reset passwords (never those of the security or audit administrator).',
  },
  'orgUnits.manage': {
    group: 'system',
    zh: '管理组织机构',
    en: 'Manage organization',
    descriptionZh: '新建和修改工商联、商会、职能部门等组织机构。',
    descriptionEn: 'Create and edit federations, chambers, departments and the other units.',
  },
  'roles.read': {
    group: 'securityAudit',
    zh: '查看角色',
    en: 'View roles',
    descriptionZh: '查看内置角色、每个角色的权限和持有人数。',
    descriptionEn: 'See the built-in roles, what each may do and how many accounts hold it.',
  },
  'roles.grant': {
    group: 'securityAudit',
    zh: '分配角色',
    en: 'Grant roles',
    descriptionZh: '为账号授予或收回角色，受三员分立约束。',
    descriptionEn: 'Grant roles to accounts or take them away, within the separation of duties.',
  },
  'settings.security': {
    group: 'securityAudit',
    zh: '安全策略',
    en: 'Security policy',
    descriptionZh: '设置密码复杂度与有效期、登录锁定、验证码和会话时限。',
    descriptionEn: 'Set password complexity and lifetime, sign-in lockout, the challenge and session limits.',
  },
  'audit.read': {
    group: 'securityAudit',
    zh: '查看审计日志',
    en: 'Read audit log',
    descriptionZh: '查看全部操作记录并校验审计日志是否被篡改。',
    descriptionEn: 'Read every recorded action and verify that the audit log is intact.',
  },
  'audit.export': {
    group: 'securityAudit',
    zh: '导出审计日志',
    en: 'Export audit log',
    descriptionZh: '将审计记录导出为表格留存。',
    descriptionEn: 'Export audit records to a spreadsheet for keeping.',
  },
  'registry.read': {
    group: 'registry',
    zh: '查看名册',
    en: 'View registry',
    descriptionZh: '在自己的数据范围内查看企业、人员、商会和党组织。',
    descriptionEn: 'See enterprises, people, chambers and party organizations within the own data scope.',
  },
  'registry.write': {
    group: 'registry',
    zh: '维护名册',
    en: 'Edit registry',
    descriptionZh: '新增和修改数据范围内的企业、人员、商会会员等名册信息。',
    descriptionEn: 'Add and edit enterprises, people and chamber memberships within the own data scope.',
  },
  'registry.import': {
    group: 'registry',
    zh: '导入名册',
    en: 'Import registry',
    descriptionZh: '从 Excel 批量导入企业和人员。',
    descriptionEn: 'Import enterprises and people in bulk from Excel.',
  },
  'registry.export': {
    group: 'registry',
    zh: '导出名册',
    en: 'Export registry',
    descriptionZh: '将数据范围内的名册导出为 Excel。',
    descriptionEn: 'Export the registry within the own data scope to Excel.',
  },
  'registry.merge': {
    group: 'registry',
    zh: '合并重复记录',
    en: 'Merge duplicates',
    descriptionZh: '把重复登记的企业合并为一条。',
    descriptionEn: 'Merge enterprises registered twice into one record.',
  },
  'contacts.unmask': {
    group: 'registry',
    zh: '查看完整手机号',
    en: 'See full mobile numbers',
    descriptionZh: '查看未打码的手机号，每次查看都记入审计日志。',
    descriptionEn: 'See mobile numbers unmasked; every look is recorded in the audit log.',
  },
  'visits.read': {
    group: 'serviceLoop',
    zh: '查看走访',
    en: 'View visits',
    descriptionZh: '查看数据范围内的走访记录、走访计划和覆盖率。',
    descriptionEn: 'See visits, visit plans and coverage within the own data scope.',
  },
  'visits.write': {
    group: 'serviceLoop',
    zh: '登记走访',
    en: 'Record visits',
    descriptionZh: '计划和登记对企业的走访，制定走访计划。',
    descriptionEn: 'Plan and record visits to enterprises and draw up visit plans.',
  },
  'appeals.read': {
    group: 'serviceLoop',
    zh: '查看诉求',
    en: 'View appeals',
    descriptionZh: '查看数据范围内的企业诉求及其办理过程。',
    descriptionEn: 'See the appeals within the own data scope and how they were handled.',
  },
  'appeals.raise': {
    group: 'serviceLoop',
    zh: '提交诉求',
    en: 'Raise appeals',
    descriptionZh: '代企业或以企业身份提交诉求。',
    descriptionEn: 'Raise an appeal for an enterprise or as its contact.',
  },
  'appeals.triage': {
    group: 'serviceLoop',
    zh: '受理与转办',
    en: 'Triage and forward',
    descriptionZh: '受理诉求、合并重复诉求、转办给职能部门并确认办理结果。',
    descriptionEn: 'Accept appeals, merge duplicates, forward them to departments and confirm the outcome.',
  },
  'appeals.handle': {
    group: 'serviceLoop',
    zh: '部门办理',
    en: 'Handle as department',
    descriptionZh: '以职能部门联络员身份签收、退回、答复和办结转来的诉求。',
    descriptionEn:
      'Accept, return, answer and resolve the appeals forwarded to the department, as its liaison.',
  },
  'appeals.rate': {
    group: 'serviceLoop',
    zh: '评价诉求',
    en: 'Rate appeals',
    descriptionZh: '对办理结果作满意度评价，必要时重新提起。',
    descriptionEn: 'Rate the outcome of an appeal and reopen it when needed.',
  },
  'appeals.stats': {
    group: 'figures',
    zh: '诉求统计',
    en: 'Appeal figures',
    descriptionZh: '查看数据范围内诉求的办结率、满意率等统计。',
    descriptionEn: 'See resolution, satisfaction and other figures of the appeals within the own data scope.',
  },
  'appeals.departmentFigures': {
    group: 'figures',
    zh: '本部门办理情况',
    en: 'Department figures',
    descriptionZh: '查看转办到本部门的诉求数量、在办、办结和超期情况。',
    descriptionEn: 'See how many appeals were forwarded to the department, open, resolved and overdue.',
  },
  'serviceLoop.configure': {
    group: 'serviceLoop',
    zh: '配置快捷通道',
    en: 'Configure channels',
    descriptionZh: '设置通往职能部门的快捷通道、办理时限和诉求类别。',
    descriptionEn: 'Set up the channels to departments, their deadlines and the appeal categories.',
  },
  'calendar.manage': {
    group: 'system',
    zh: '维护工作日历',
    en: 'Maintain working calendar',
    descriptionZh: '维护节假日和调休工作日，办理时限按工作日计算。',
    descriptionEn: 'Keep the holidays and adjusted working days that deadlines are counted on.',
  },
  'suggestions.read': {
    group: 'serviceLoop',
    zh: '查看建言',
    en: 'View suggestions',
    descriptionZh: '查看由诉求形成的建言及其采纳情况。',
    descriptionEn: 'See the suggestions drafted from appeals and whether they were adopted.',
  },
  'suggestions.write': {
    group: 'serviceLoop',
    zh: '起草建言',
    en: 'Draft suggestions',
    descriptionZh: '起草、报送建言并登记采纳结果。',
    descriptionEn: 'Draft and submit suggestions and record the decision on them.',
  },
  'dashboard.read': {
    group: 'figures',
    zh: '查看工作看板',
    en: 'View dashboard',
    descriptionZh: '查看数据范围内会员、走访、诉求等指标的看板。',
    descriptionEn: 'See the dashboard of members, visits, appeals and other measures within the own scope.',
  },
  'ledgers.export': {
    group: 'figures',
    zh: '导出台账',
    en: 'Export ledgers',
    descriptionZh: '导出走访、诉求等工作台账（Excel）。',
    descriptionEn: 'Export the visit, appeal and other ledgers (Excel).',
  },
  'reports.read': {
    group: 'figures',
    zh: '查看报告',
    en: 'Read reports',
    descriptionZh: '查看和下载月度、季度工作报告（Word）。',
    descriptionEn: 'Read and download the monthly and quarterly reports (Word).',
  },
  'reports.write': {
    group: 'figures',
    zh: '编写报告',
    en: 'Write reports',
    descriptionZh: '生成工作报告并撰写其中的分析文字。',
    descriptionEn: 'Generate reports and write their commentary.',
  },
  'apiTokens.manage': {
    group: 'securityAudit',
    zh: '管理接口令牌',
    en: 'Manage API tokens',
    descriptionZh: '为外部系统（12345热线、城市平台、银行系统）签发、查看和吊销接口令牌，查看其调用记录。',
    descriptionEn:
      'Issue, list and revoke API tokens for outside systems (the 12345 hotline, a city platform, a bank) and see their uses.',
  },
  'appeals.hotline': {
    group: 'serviceLoop',
    zh: '接收12345热线诉求',
    en: 'Receive 12345 hotline appeals',
    descriptionZh: '12345热线系统以接口令牌转入诉求（按工单号去重）；只能授予接口令牌，不属于任何角色。',
    descriptionEn:
      'The 12345 hotline system raises appeals through an API token (one per case number); granted to tokens only, never to a role.',
  },
  'ownEnterprise.read': {
    group: 'registry',
    zh: '查看本企业',
    en: 'View own enterprise',
    descriptionZh: '企业联系人查看本企业的登记信息、联系人和可登录的账号（仅本企业）。',
    descriptionEn:
      "An enterprise contact sees their own enterprise's record, contacts and accounts (that enterprise only).",
  },
  'invitations.manage': {
    group: 'registry',
    zh: '邀请企业联系人',
    en: 'Invite enterprise contacts',
    descriptionZh:
      '邀请本辖区（商会秘书长：本商会会员）企业的联系人开通账号，审核账号申请，发放重设密码链接。',
    descriptionEn:
      "Invite the contacts of enterprises in one's scope (a secretary: their chamber's members), decide access requests, issue password-reset links.",
  },
};
