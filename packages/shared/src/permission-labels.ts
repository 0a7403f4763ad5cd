// 权限名称 permission names: every permission code in the words of the people who grant it — a name in
// Chinese and English, the group it belongs to and one sentence on what it lets an account do. The roles
// page shows these; the codes are for the server and appear only as secondary text.
import type { Permission } from './access.ts';

export const PERMISSION_GROUPS = [
  'registry',
  'serviceLoop',
  'social',
  'figures',
  'system',
  'securityAudit',
] as const;
export type PermissionGroup = (typeof PERMISSION_GROUPS)[number];

export const PERMISSION_GROUP_LABELS: Record<PermissionGroup, { zh: string; en: string }> = {
  registry: { zh: '名册', en: 'Member registry' },
  serviceLoop: { zh: '服务闭环', en: 'Service loop' },
  social: { zh: '社会责任', en: 'Social responsibility' },
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
  'figures.department': {
    group: 'figures',
    zh: '本部门工作情况',
    en: 'Own department’s figures',
    descriptionZh: '查看本部门的三率、按时办结率和在本工商联职能部门排名中的名次。',
    descriptionEn:
      'See the department’s three rates, on-time rate and place in the federation’s ranking of departments.',
  },
  'figures.chamber': {
    group: 'figures',
    zh: '本商会工作情况',
    en: 'Own chamber’s figures',
    descriptionZh: '查看本商会会员企业的诉求、对会员的走访和在册会员数。',
    descriptionEn:
      'See the appeals of the chamber’s member enterprises, the visits to them and its active members.',
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
  'donations.read': {
    group: 'social',
    zh: '查看捐赠',
    en: 'View donations',
    descriptionZh: '查看管理范围内的捐赠活动、公益项目、捐赠台账及其统计（企业联系人只看本企业的捐赠）。',
    descriptionEn:
      'See the campaigns, programs, donations and their totals within scope (an enterprise contact: its own donations).',
  },
  'donations.record': {
    group: 'social',
    zh: '登记捐赠',
    en: 'Record donations',
    descriptionZh: '登记捐款捐物；商会秘书长和企业联系人登记的捐赠待工商联机关干部确认。',
    descriptionEn:
      'Record donations of money and goods; those a chamber secretary or an enterprise contact records wait for staff to confirm them.',
  },
  'donations.manage': {
    group: 'social',
    zh: '管理捐赠',
    en: 'Manage donations',
    descriptionZh: '新建捐赠活动和公益项目，确认捐赠到账、出具捐赠证明或作废捐赠。',
    descriptionEn:
      'Create campaigns and programs; confirm donations as received, acknowledge them or void them.',
  },
  // 融资 financing
  'financing.read': {
    group: 'serviceLoop',
    zh: '查看融资需求',
    en: 'View financing needs',
    descriptionZh:
      '查看范围内企业的融资需求、银行答复与融资统计；银行客户经理只看推送给本行且企业同意共享的需求。',
    descriptionEn:
      "See financing needs within scope, the banks' answers and the figures; a bank sees only needs sent to it while the enterprise consents.",
  },
  'financing.state': {
    group: 'serviceLoop',
    zh: '提交融资需求',
    en: 'State financing needs',
    descriptionZh: '为本企业或会员企业提交融资需求、授权或撤回数据共享；商会秘书长可出具商会推荐。',
    descriptionEn:
      'State a financing need for the own or a member enterprise, give or revoke consent; a chamber secretary vouches.',
  },
  'financing.manage': {
    group: 'serviceLoop',
    zh: '办理融资对接',
    en: 'Broker financing',
    descriptionZh: '审核融资需求并推送给合作银行，管理专项融资项目与推荐名单。',
    descriptionEn: 'Vet needs and send them to partner banks; run financing programs and their lists.',
  },
  'financing.answer': {
    group: 'serviceLoop',
    zh: '银行答复融资需求',
    en: 'Answer financing needs',
    descriptionZh: '受理、要求补充材料、审批、拒绝推送给本行的融资需求并登记放款，维护本行金融产品。',
    descriptionEn:
      "Accept, ask for documents, approve or decline needs sent to the bank, record the loan; keep the bank's products.",
  },
  // 互助 mutual aid
  'aid.read': {
    group: 'social',
    zh: '查看互助信息',
    en: 'View the mutual aid board',
    descriptionZh: '查看会员互助供需信息与撮合；对方联系方式在双方确认前不显示。',
    descriptionEn:
      "See the mutual aid posts and matches; the other side's contact stays hidden until both accept.",
  },
  'aid.post': {
    group: 'social',
    zh: '发布互助供需',
    en: 'Post supplies and needs',
    descriptionZh: '为本企业或会员企业发布物资、产品、技术的供给或需求。',
    descriptionEn: 'Post a supply or a need for the own or a member enterprise.',
  },
  'aid.broker': {
    group: 'social',
    zh: '撮合互助对接',
    en: 'Broker mutual aid',
    descriptionZh: '将供给与需求撮合对接，并登记对接结果。',
    descriptionEn: 'Connect a supply with a need and record the outcome.',
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
  'volunteers.read': {
    group: 'social',
    zh: '查看志愿服务',
    en: 'View volunteering',
    descriptionZh: '查看数据范围内的志愿者、志愿服务队、志愿活动与服务时长、无偿献血。',
    descriptionEn:
      'See the volunteers, teams, activities with hours served and blood drives within the own scope.',
  },
  'volunteers.write': {
    group: 'social',
    zh: '登记志愿服务',
    en: 'Record volunteering',
    descriptionZh:
      '登记志愿者、志愿服务队、志愿活动的报名与服务时长、无偿献血（商会登记的活动待工商联确认）。',
    descriptionEn:
      'Register volunteers and teams, record activities with sign-up and hours, and blood drives (a chamber’s activities wait for the federation to confirm).',
  },
  'volunteers.confirm': {
    group: 'social',
    zh: '确认志愿活动',
    en: 'Confirm volunteer activities',
    descriptionZh: '确认或作废商会登记的志愿活动；确认后的服务时长和人次计入统计。',
    descriptionEn:
      'Confirm or void the activities chambers recorded; confirmed hours and person-times are counted.',
  },
  'streets.read': {
    group: 'social',
    zh: '查看小巷管家',
    en: 'View street adoption',
    descriptionZh: '查看街道的主街小巷、认领情况与覆盖率、办理事项和协助处理的12345热线工单。',
    descriptionEn:
      'See streets’ main streets and alleys, adoptions and coverage, matters handled and hotline cases assisted.',
  },
  'streets.write': {
    group: 'social',
    zh: '管理小巷管家',
    en: 'Manage street adoption',
    descriptionZh: '导入和登记主街小巷、登记认领（小巷管家）、登记办理事项和12345热线工单。',
    descriptionEn:
      'Import and record main streets and alleys, record adoptions, matters handled and hotline cases.',
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
  // events (issue 16)
  'events.read': {
    group: 'social',
    zh: '查看活动',
    en: 'View events',
    descriptionZh:
      '查看管理范围内的教育培训活动、报名、签到和统计、商会月度活动情况（企业联系人：面向本企业的活动和本企业的报名）。',
    descriptionEn:
      "See the events, registrations, attendance, figures and chambers' monthly activity within scope (an enterprise contact: the events open to it and its own registrations).",
  },
  'events.register': {
    group: 'social',
    zh: '活动报名',
    en: 'Register for events',
    descriptionZh: '为活动报名参加人员（企业联系人只为本企业人员报名），超出名额的进入候补。',
    descriptionEn:
      'Register people for events (an enterprise contact: its own people); past capacity they wait on the list.',
  },
  'events.manage': {
    group: 'social',
    zh: '组织活动',
    en: 'Run events',
    descriptionZh: '新建和管理本级、下级或本商会的活动，出示签到二维码、签到、导出签到表和结业证书。',
    descriptionEn:
      "Create and run the events of one's subtree or chamber: check-in codes, check-ins, attendance sheets and certificates.",
  },
  'events.configure': {
    group: 'social',
    zh: '设置活动类型',
    en: 'Configure event kinds',
    descriptionZh:
      '为本级及下级工商联新增、改名、排序或停用活动类型（系统默认类型和上级类型可在本级改名或停用）。',
    descriptionEn:
      "Add, rename, reorder or retire the event kinds of one's federation and below (built-in and inherited kinds renamed or retired at this level).",
  },
  'honours.read': {
    group: 'social',
    zh: '查看荣誉称号',
    en: 'View honours',
    descriptionZh: '查看管理范围内会员企业和人士获得的荣誉称号。',
    descriptionEn: 'See the honours won by the enterprises and people within scope.',
  },
  'honours.write': {
    group: 'social',
    zh: '登记荣誉称号',
    en: 'Record honours',
    descriptionZh: '登记会员企业和人士获得的荣誉称号（称号、级别、授予单位、年度、证明材料）。',
    descriptionEn: 'Record the honours won by enterprises and people (title, level, issuer, year, evidence).',
  },
  // 惠企政策 policies
  'policies.read': {
    group: 'serviceLoop',
    zh: '查看惠企政策',
    en: 'View policies',
    descriptionZh: '查看管理范围内的惠企政策、匹配企业、推送触达与申兑情况（上级已发布的政策也可查看）。',
    descriptionEn:
      'See the policies within scope, their matches, pushes, reach and redemptions (and the published policies of the units above).',
  },
  'policies.draft': {
    group: 'serviceLoop',
    zh: '起草惠企政策',
    en: 'Draft policies',
    descriptionZh: '录入和修改政策及其适用条件；职能部门联络员只能起草本部门的政策，由工商联机关干部发布。',
    descriptionEn:
      "Enter and edit policies and their conditions; a department liaison drafts only their department's, for staff to publish.",
  },
  'policies.manage': {
    group: 'serviceLoop',
    zh: '发布惠企政策',
    en: 'Publish policies',
    descriptionZh: '发布、撤回本辖区的政策，登记和确认企业的申兑结果。',
    descriptionEn: 'Publish and withdraw the policies of the own subtree; record and confirm redemptions.',
  },
  'policies.push': {
    group: 'serviceLoop',
    zh: '推送惠企政策',
    en: 'Push policies',
    descriptionZh: '把已发布的政策推送给符合条件的企业、商会会员或指定企业（商会秘书长：仅本商会会员）。',
    descriptionEn:
      "Push a published policy to the enterprises it fits, a chamber's members or a list (a secretary: their own chamber's members only).",
  },
  'policies.mine': {
    group: 'serviceLoop',
    zh: '适合我的政策',
    en: 'Policies for my enterprise',
    descriptionZh: '企业联系人查看适合本企业的政策及理由，标记关注或申报，咨询政策，报告申兑结果。',
    descriptionEn:
      'An enterprise contact sees the policies that fit their enterprise and why, marks them, asks about them and reports redemptions.',
  },
  // 服务包 service packages
  'packages.read': {
    group: 'serviceLoop',
    zh: '查看服务包',
    en: 'View service packages',
    descriptionZh: '查看管理范围内的服务包、其内容和持有企业（上级已发布的服务包也可查看）。',
    descriptionEn:
      'See the service packages within scope, their items and the enterprises holding them (and the published packages of the units above).',
  },
  'packages.write': {
    group: 'serviceLoop',
    zh: '编制服务包',
    en: 'Write service packages',
    descriptionZh: '编制、修改、发布和结束本辖区的服务包（政策与服务清单）。',
    descriptionEn:
      'Write, change, publish and close the service packages (policies and services) of the own subtree.',
  },
  'packages.handOut': {
    group: 'serviceLoop',
    zh: '发放服务包',
    en: 'Hand out service packages',
    descriptionZh: '把已发布的服务包送给选定的企业或按条件筛选的企业（商会秘书长：仅本商会会员）。',
    descriptionEn:
      "Hand a published package to chosen enterprises or every enterprise of a filter (a secretary: their own chamber's members only).",
  },
  'packages.mine': {
    group: 'serviceLoop',
    zh: '我的服务包',
    en: 'My service packages',
    descriptionZh: '企业联系人查看本企业收到的服务包及其内容。',
    descriptionEn:
      'An enterprise contact sees the service packages their enterprise holds and what they contain.',
  },
};
