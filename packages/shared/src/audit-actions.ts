// 审计日志的词汇 the audit log's words: every action the server writes, with its Chinese and English name
// and its group; what each kind of record is called; the labels of the detail's fields. The server types
// `AuditEntry.action` as `AuditAction`, so an action without a name here does not compile.

export interface LocalizedText {
  zh: string;
  en: string;
}

export const AUDIT_ACTION_GROUPS = {
  account: { zh: '账号与登录', en: 'Accounts and sign-in' },
  organization: { zh: '组织机构', en: 'Organisation' },
  roster: { zh: '名册', en: 'Rosters' },
  appeals: { zh: '诉求', en: 'Appeals' },
  suggestions: { zh: '建言献策', en: 'Suggestions' },
  social: { zh: '社会责任', en: 'Social responsibility' },
  visits: { zh: '走访', en: 'Visits' },
  reports: { zh: '报告与台账', en: 'Reports and ledgers' },
  audit: { zh: '审计', en: 'Audit' },
  system: { zh: '系统设置', en: 'System settings' },
  // events (issue 16)
  education: { zh: '教育培训', en: 'Education and training' },
  // 惠企政策 policies
  policies: { zh: '惠企政策', en: 'Policies' },
  // 融资 financing
  financing: { zh: '融资对接', en: 'Financing' },
} as const satisfies Record<string, LocalizedText>;
export type AuditActionGroup = keyof typeof AUDIT_ACTION_GROUPS;

interface AuditActionName extends LocalizedText {
  group: AuditActionGroup;
}

/** Every action the server writes, in the order the filter lists them (grouped). */
export const AUDIT_ACTIONS = {
  'auth.login': { group: 'account', zh: '登录', en: 'Sign in' },
  'auth.logout': { group: 'account', zh: '退出登录', en: 'Sign out' },
  'auth.sms_code_requested': { group: 'account', zh: '获取短信验证码', en: 'SMS sign-in code requested' },
  'auth.account_locked': { group: 'account', zh: '账号被锁定', en: 'Account locked' },
  'auth.password_changed': { group: 'account', zh: '修改本人密码', en: 'Own password changed' },
  'auth.session_revoked': { group: 'account', zh: '注销登录会话', en: 'Session signed out' },
  'user.created': { group: 'account', zh: '新建账号', en: 'Account created' },
  'user.updated': { group: 'account', zh: '修改账号', en: 'Account updated' },
  'user.password_reset': { group: 'account', zh: '重置密码', en: 'Password reset' },
  'user.unlocked': { group: 'account', zh: '解锁账号', en: 'Account unlocked' },
  'user.roles_granted': { group: 'account', zh: '调整角色', en: 'Roles changed' },
  'invitation.created': { group: 'account', zh: '邀请企业联系人', en: 'Enterprise contact invited' },
  'invitation.batch_created': {
    group: 'account',
    zh: '批量邀请企业联系人',
    en: 'Enterprise contacts invited in a batch',
  },
  'invitation.accepted': { group: 'account', zh: '接受邀请开通账号', en: 'Invitation accepted' },
  'invitation.letters_printed': { group: 'account', zh: '打印邀请函', en: 'Invitation letters printed' },
  'invitation.password_reset_issued': {
    group: 'account',
    zh: '发放重设密码链接',
    en: 'Password-reset link issued',
  },
  'invitation.password_set': { group: 'account', zh: '通过链接设置密码', en: 'Password set by link' },
  'access_request.created': { group: 'account', zh: '申请企业账号', en: 'Account requested' },
  'access_request.approve': { group: 'account', zh: '通过账号申请', en: 'Account request approved' },
  'access_request.reject': { group: 'account', zh: '拒绝账号申请', en: 'Account request rejected' },
  'api_token.created': { group: 'account', zh: '签发接口令牌', en: 'API token issued' },
  'api_token.revoked': { group: 'account', zh: '吊销接口令牌', en: 'API token revoked' },
  'notification.preferences': {
    group: 'account',
    zh: '修改通知方式',
    en: 'Notification delivery changed',
  },

  'org_unit.created': { group: 'organization', zh: '新建组织机构', en: 'Organisation unit created' },
  'org_unit.updated': { group: 'organization', zh: '修改组织机构', en: 'Organisation unit updated' },

  'enterprise.created': { group: 'roster', zh: '新增会员企业', en: 'Enterprise added' },
  'enterprise.updated': { group: 'roster', zh: '修改会员企业', en: 'Enterprise updated' },
  'enterprise.merged': { group: 'roster', zh: '合并重复企业（保留方）', en: 'Duplicate merged in' },
  'enterprise.merged_away': {
    group: 'roster',
    zh: '合并重复企业（被合并方）',
    en: 'Merged into another enterprise',
  },
  'enterprise.imported': { group: 'roster', zh: '导入会员企业', en: 'Enterprises imported' },
  'enterprise.import_finished': { group: 'roster', zh: '企业导入结束', en: 'Enterprise import finished' },
  'enterprise.exported': { group: 'roster', zh: '导出企业名册', en: 'Enterprise roster exported' },
  'contact.unmasked': { group: 'roster', zh: '查看企业联系人手机号', en: 'Contact mobile revealed' },
  'person.created': { group: 'roster', zh: '新增人士', en: 'Person added' },
  'person.updated': { group: 'roster', zh: '修改人士', en: 'Person updated' },
  'person.contact_unmasked': { group: 'roster', zh: '查看人士联系方式', en: 'Person contact revealed' },
  'person.imported': { group: 'roster', zh: '导入代表人士', en: 'People imported' },
  'person.import_finished': { group: 'roster', zh: '代表人士导入结束', en: 'People import finished' },
  'chamber.created': { group: 'roster', zh: '新建商会', en: 'Chamber created' },
  'chamber.updated': { group: 'roster', zh: '修改商会', en: 'Chamber updated' },
  'chamber.member_added': { group: 'roster', zh: '商会添加会员', en: 'Chamber member added' },
  'chamber.member_updated': { group: 'roster', zh: '修改商会会员', en: 'Chamber member updated' },
  'chamber.member_removed': { group: 'roster', zh: '商会移除会员', en: 'Chamber member removed' },
  'chamber.member_ended': { group: 'roster', zh: '会员退会', en: 'Chamber membership ended' },
  'chamber.members_imported': { group: 'roster', zh: '导入商会会员', en: 'Chamber members imported' },
  'chamber.members_import_finished': {
    group: 'roster',
    zh: '商会会员导入结束',
    en: 'Chamber member import finished',
  },
  'chamber.leader_added': { group: 'roster', zh: '商会添加班子成员', en: 'Chamber leader added' },
  'chamber.leader_updated': { group: 'roster', zh: '修改商会班子成员', en: 'Chamber leader updated' },
  'chamber.leader_removed': { group: 'roster', zh: '商会移除班子成员', en: 'Chamber leader removed' },
  'chamber.leader_ended': { group: 'roster', zh: '商会班子成员卸任', en: 'Chamber leader’s term ended' },
  'party_organization.created': { group: 'roster', zh: '新建党组织', en: 'Party organisation created' },
  'party_organization.updated': { group: 'roster', zh: '修改党组织', en: 'Party organisation updated' },
  'party_organization.imported': { group: 'roster', zh: '导入党组织', en: 'Party organisations imported' },
  'party_organization.import_finished': {
    group: 'roster',
    zh: '党组织导入结束',
    en: 'Party organisation import finished',
  },

  'appeal.raised': { group: 'appeals', zh: '提出诉求', en: 'Appeal raised' },
  'appeal.attachment_added': { group: 'appeals', zh: '上传诉求附件', en: 'Appeal attachment added' },
  'appeal.contact_unmasked': {
    group: 'appeals',
    zh: '查看诉求联系人手机号',
    en: 'Appeal contact mobile revealed',
  },
  'appeal.mark_valid': { group: 'appeals', zh: '受理诉求', en: 'Appeal accepted as valid' },
  'appeal.mark_invalid': { group: 'appeals', zh: '不予受理诉求', en: 'Appeal marked invalid' },
  'appeal.forward': { group: 'appeals', zh: '转办诉求', en: 'Appeal forwarded' },
  'appeal.accept': { group: 'appeals', zh: '部门接收诉求', en: 'Appeal taken on by department' },
  'appeal.return': { group: 'appeals', zh: '部门退回诉求', en: 'Appeal returned by department' },
  'appeal.reply': { group: 'appeals', zh: '报送办理进展', en: 'Progress reported' },
  'appeal.resolve': { group: 'appeals', zh: '部门答复已解决', en: 'Resolved by department' },
  'appeal.explain_unsolvable': {
    group: 'appeals',
    zh: '解释无法解决',
    en: 'Explained as unsolvable',
  },
  'appeal.confirm': { group: 'appeals', zh: '确认答复', en: 'Answer confirmed' },
  'appeal.rate': { group: 'appeals', zh: '评价诉求办理', en: 'Appeal rated' },
  'appeal.reopen': { group: 'appeals', zh: '重新办理诉求', en: 'Appeal reopened' },
  'appeal.close_unrated': { group: 'appeals', zh: '未评价办结', en: 'Closed without rating' },
  'appeal.rating_reminder': { group: 'appeals', zh: '提醒企业评价', en: 'Rating reminder sent' },
  'appeal.merge': { group: 'appeals', zh: '合并重复诉求', en: 'Duplicate appeal merged' },
  'appeal.respond_reminder': {
    group: 'appeals',
    zh: '即将超期未响应提醒',
    en: 'Response deadline reminder',
  },
  'appeal.resolve_reminder': {
    group: 'appeals',
    zh: '即将超期未办结提醒',
    en: 'Resolution deadline reminder',
  },
  'appeal.respond_overdue': { group: 'appeals', zh: '超期未响应', en: 'Response overdue' },
  'appeal.resolve_overdue': { group: 'appeals', zh: '超期未办结（督办）', en: 'Resolution overdue' },
  'channel.created': { group: 'appeals', zh: '新建办理渠道', en: 'Channel created' },
  'channel.updated': { group: 'appeals', zh: '修改办理渠道', en: 'Channel updated' },
  'appeal_category.created': { group: 'appeals', zh: '新建诉求分类', en: 'Appeal category created' },
  'appeal_category.updated': { group: 'appeals', zh: '修改诉求分类', en: 'Appeal category updated' },
  'appeal_category.override_removed': {
    group: 'appeals',
    zh: '恢复继承上级诉求分类',
    en: 'Appeal category override removed',
  },

  'suggestion.created': { group: 'suggestions', zh: '新建建议', en: 'Suggestion created' },
  'suggestion.updated': { group: 'suggestions', zh: '修改建议', en: 'Suggestion updated' },
  'suggestion.submitted': { group: 'suggestions', zh: '报送建议', en: 'Suggestion submitted' },
  'suggestion.decided': { group: 'suggestions', zh: '登记采纳情况', en: 'Suggestion decision recorded' },

  'campaign.created': { group: 'social', zh: '新建捐赠活动', en: 'Donation campaign created' },
  'donation.recorded': { group: 'social', zh: '登记捐赠', en: 'Donation recorded' },
  'donation.confirm': { group: 'social', zh: '确认捐赠到账', en: 'Donation confirmed as received' },
  'donation.acknowledge': { group: 'social', zh: '出具捐赠证明', en: 'Donation acknowledged' },
  'donation.void': { group: 'social', zh: '作废捐赠', en: 'Donation voided' },
  'donation.attachment_added': { group: 'social', zh: '上传捐赠凭证', en: 'Donation evidence added' },
  'donation.acknowledgement_downloaded': {
    group: 'social',
    zh: '下载捐赠证明',
    en: 'Acknowledgement letter downloaded',
  },

  // 惠企政策 policies
  'policy.created': { group: 'policies', zh: '录入惠企政策', en: 'Policy created' },
  'policy.updated': { group: 'policies', zh: '修改惠企政策', en: 'Policy updated' },
  'policy.publish': { group: 'policies', zh: '发布惠企政策', en: 'Policy published' },
  'policy.withdraw': { group: 'policies', zh: '撤回惠企政策', en: 'Policy withdrawn' },
  'policy.expired': { group: 'policies', zh: '政策到期失效', en: 'Policy expired' },
  'policy.pushed': { group: 'policies', zh: '推送惠企政策', en: 'Policy pushed' },
  'policy.marked': { group: 'policies', zh: '企业标记政策', en: 'Policy marked by an enterprise' },
  'policy.question_asked': { group: 'policies', zh: '企业咨询政策', en: 'Question asked about a policy' },
  'policy.redemption_recorded': { group: 'policies', zh: '登记政策申兑', en: 'Redemption recorded' },
  'policy.compiled': { group: 'policies', zh: '导出政策汇编', en: 'Policy compilation downloaded' },
  'policy.attachment_added': { group: 'policies', zh: '上传政策附件', en: 'Policy attachment added' },
  'policy.attachment_removed': { group: 'policies', zh: '删除政策附件', en: 'Policy attachment removed' },
  // 服务包 service packages
  'service_package.created': { group: 'policies', zh: '编制服务包', en: 'Service package created' },
  'service_package.updated': { group: 'policies', zh: '修改服务包', en: 'Service package updated' },
  'service_package.publish': { group: 'policies', zh: '发布服务包', en: 'Service package published' },
  'service_package.close': { group: 'policies', zh: '结束服务包', en: 'Service package closed' },
  'service_package.handed_out': { group: 'policies', zh: '发放服务包', en: 'Service package handed out' },
  'service_package.holder_removed': {
    group: 'policies',
    zh: '撤销服务包发放记录',
    en: 'Service package holding removed',
  },
  'service_package.holders_exported': {
    group: 'policies',
    zh: '导出服务包发放台账',
    en: 'Service package holders exported',
  },
  // 融资 financing
  'financing_need.created': { group: 'financing', zh: '提交融资需求', en: 'Financing need stated' },
  'financing_need.vet': { group: 'financing', zh: '审核融资需求', en: 'Financing need vetted' },
  'financing_need.send': { group: 'financing', zh: '推送融资需求至银行', en: 'Financing need sent to banks' },
  'financing_need.accept': { group: 'financing', zh: '银行受理融资需求', en: 'Bank accepted a need' },
  'financing_need.request_documents': {
    group: 'financing',
    zh: '银行要求补充材料',
    en: 'Bank asked for documents',
  },
  'financing_need.approve': { group: 'financing', zh: '银行审批通过', en: 'Bank approved a loan' },
  'financing_need.decline': { group: 'financing', zh: '银行未予通过', en: 'Bank declined a need' },
  'financing_need.grant': { group: 'financing', zh: '登记放款', en: 'Loan granted' },
  'financing_need.withdraw': { group: 'financing', zh: '撤回融资需求', en: 'Financing need withdrawn' },
  'financing_need.vouch': { group: 'financing', zh: '商会推荐融资需求', en: 'Chamber vouched for a need' },
  'financing_need.give_consent': {
    group: 'financing',
    zh: '授权共享企业数据',
    en: 'Consent to share given',
  },
  'financing_need.revoke_consent': {
    group: 'financing',
    zh: '撤回数据共享授权',
    en: 'Consent to share revoked',
  },
  'financing_need.bank_reminded': {
    group: 'financing',
    zh: '提醒银行答复',
    en: 'Bank reminded to answer',
  },
  'bank_product.created': { group: 'financing', zh: '新增金融产品', en: 'Bank product added' },
  'financing_program.created': {
    group: 'financing',
    zh: '新建专项融资项目',
    en: 'Financing program created',
  },
  'financing_program.recommended': {
    group: 'financing',
    zh: '推荐企业进入专项名单',
    en: 'Enterprise recommended into a program',
  },
  'financing_program.outcome': {
    group: 'financing',
    zh: '登记专项名单结果',
    en: 'Program outcome recorded',
  },

  // 互助 mutual aid
  'aid_post.created': { group: 'social', zh: '发布互助信息', en: 'Mutual aid post created' },
  'aid_post.expired': { group: 'social', zh: '互助信息过期', en: 'Mutual aid post expired' },
  'aid_match.created': { group: 'social', zh: '撮合互助对接', en: 'Mutual aid match brokered' },
  'aid_match.accept': { group: 'social', zh: '确认互助对接', en: 'Mutual aid match accepted' },
  'aid_match.decline': { group: 'social', zh: '拒绝互助对接', en: 'Mutual aid match declined' },
  'aid_match.fulfil': { group: 'social', zh: '登记互助结果', en: 'Mutual aid outcome recorded' },

  'visit.created': { group: 'visits', zh: '新建走访', en: 'Visit created' },
  'visit.updated': { group: 'visits', zh: '修改走访', en: 'Visit updated' },
  'visit.recorded': { group: 'visits', zh: '登记走访完成', en: 'Visit recorded as done' },
  'visit.cancelled': { group: 'visits', zh: '取消走访', en: 'Visit cancelled' },
  'visit_plan.created': { group: 'visits', zh: '新建走访计划', en: 'Visit plan created' },
  'visit_plan.updated': { group: 'visits', zh: '修改走访计划', en: 'Visit plan updated' },

  'volunteer.created': { group: 'social', zh: '登记志愿者', en: 'Volunteer registered' },
  'volunteer_team.created': { group: 'social', zh: '新建志愿服务队', en: 'Volunteer team created' },
  'volunteer_team.members_added': {
    group: 'social',
    zh: '志愿服务队加入队员',
    en: 'Volunteers joined a team',
  },
  'volunteer_activity.created': {
    group: 'social',
    zh: '登记志愿活动',
    en: 'Volunteer activity recorded',
  },
  'volunteer_activity.signed_up': { group: 'social', zh: '志愿活动报名', en: 'Volunteers signed up' },
  'volunteer_activity.service_recorded': {
    group: 'social',
    zh: '登记志愿服务时长',
    en: 'Hours served recorded',
  },
  'volunteer_activity.confirm': {
    group: 'social',
    zh: '确认志愿活动',
    en: 'Volunteer activity confirmed',
  },
  'volunteer_activity.void': { group: 'social', zh: '作废志愿活动', en: 'Volunteer activity voided' },
  'blood_drive.created': { group: 'social', zh: '登记无偿献血活动', en: 'Blood drive recorded' },
  'blood_drive.updated': { group: 'social', zh: '修改无偿献血人数', en: 'Blood drive updated' },
  'street_segment.created': { group: 'social', zh: '登记主街小巷', en: 'Street segment added' },
  'street_segment.imported': { group: 'social', zh: '导入主街小巷', en: 'Street segments imported' },
  'street_adoption.created': { group: 'social', zh: '认领小巷管家', en: 'Street segment adopted' },
  'street_adoption.ended': { group: 'social', zh: '结束小巷认领', en: 'Street adoption ended' },
  'street_matter.created': {
    group: 'social',
    zh: '登记小巷管家办理事项',
    en: 'Street matter recorded',
  },

  'report.requested': { group: 'reports', zh: '申请生成报告', en: 'Report requested' },
  'report.regenerated': { group: 'reports', zh: '重新生成报告', en: 'Report regenerated' },
  'report.generated': { group: 'reports', zh: '生成报告', en: 'Report generated' },
  'report.commentary_updated': { group: 'reports', zh: '修改报告文字', en: 'Report commentary edited' },
  'report.downloaded': { group: 'reports', zh: '下载报告', en: 'Report downloaded' },
  'ledger.exported': { group: 'reports', zh: '导出台账', en: 'Ledger exported' },

  'audit.exported': { group: 'audit', zh: '导出审计日志', en: 'Audit log exported' },

  'settings.security_updated': { group: 'system', zh: '修改安全设置', en: 'Security settings changed' },
  'calendar.year_replaced': { group: 'system', zh: '更新工作日历', en: 'Working calendar replaced' },
  'calendar.notice_loaded': {
    group: 'system',
    zh: '导入节假日安排通知',
    en: 'Holiday notice loaded into the working calendar',
  },
  'access.denied': { group: 'system', zh: '越权访问被拒绝', en: 'Access denied' },
  'system.seeded': { group: 'system', zh: '系统初始化', en: 'System initialised' },
  // events (issue 16)
  'event.created': { group: 'education', zh: '新建活动', en: 'Event created' },
  'event.close': { group: 'education', zh: '截止活动报名', en: 'Event registration closed' },
  'event.reopen': { group: 'education', zh: '重新开放活动报名', en: 'Event registration reopened' },
  'event.cancel': { group: 'education', zh: '取消活动', en: 'Event cancelled' },
  'event.registered': { group: 'education', zh: '活动报名', en: 'Registered for an event' },
  'event.registration_cancelled': {
    group: 'education',
    zh: '取消活动报名',
    en: 'Event registration cancelled',
  },
  'event.checked_in': { group: 'education', zh: '活动签到', en: 'Checked in at an event' },
  'event.attendance_sheet_exported': {
    group: 'education',
    zh: '导出活动签到表',
    en: 'Attendance sheet exported',
  },
  'event.certificate_downloaded': {
    group: 'education',
    zh: '下载结业证书',
    en: 'Completion certificate downloaded',
  },
  'event.attendance_imported': {
    group: 'education',
    zh: '导入线上签到名单',
    en: 'Online attendance list imported',
  },
  'event_kind.created': { group: 'education', zh: '新增活动类型', en: 'Event kind added' },
  'event_kind.updated': { group: 'education', zh: '修改活动类型', en: 'Event kind changed' },
  'event.links_changed': {
    group: 'education',
    zh: '修改活动关联的政策与捐赠活动',
    en: 'Event’s policies and campaign changed',
  },
  'chamber.event_robot_set': {
    group: 'education',
    zh: '设置商会活动通知机器人',
    en: 'Chamber’s event robot set',
  },
  'honour.recorded': { group: 'education', zh: '登记荣誉称号', en: 'Honour recorded' },
} as const satisfies Record<string, AuditActionName>;
export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(code: string): code is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, code);
}

/** The action's name; a code no longer written (from an older version) is shown as itself. */
export function auditActionName(code: string): LocalizedText {
  return isAuditAction(code)
    ? { zh: AUDIT_ACTIONS[code].zh, en: AUDIT_ACTIONS[code].en }
    : { zh: code, en: code };
}

/** What each kind of record the audit log points at is called. */
export const AUDIT_OBJECT_TYPES = {
  user: { zh: '账号', en: 'Account' },
  invitation: { zh: '邀请', en: 'Invitation' },
  access_request: { zh: '账号申请', en: 'Account request' },
  session: { zh: '登录会话', en: 'Session' },
  api_token: { zh: '接口令牌', en: 'API token' },
  org_unit: { zh: '组织机构', en: 'Organisation unit' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  enterprise_contact: { zh: '企业联系人', en: 'Enterprise contact' },
  person: { zh: '人士', en: 'Person' },
  chamber: { zh: '商会', en: 'Chamber' },
  party_organization: { zh: '党组织', en: 'Party organisation' },
  job: { zh: '导入任务', en: 'Import job' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  volunteer_team: { zh: '志愿服务队', en: 'Volunteer team' },
  volunteer_activity: { zh: '志愿活动', en: 'Volunteer activity' },
  blood_drive: { zh: '无偿献血活动', en: 'Blood drive' },
  street_segment: { zh: '主街小巷', en: 'Street segment' },
  street_adoption: { zh: '小巷认领', en: 'Street adoption' },
  street_matter: { zh: '小巷管家事项', en: 'Street matter' },
  appeal: { zh: '诉求', en: 'Appeal' },
  appeal_category: { zh: '诉求分类', en: 'Appeal category' },
  channel: { zh: '办理渠道', en: 'Channel' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  visit: { zh: '走访', en: 'Visit' },
  donation_campaign: { zh: '捐赠活动', en: 'Donation campaign' },
  donation: { zh: '捐赠', en: 'Donation' },
  // 惠企政策 policies
  policy: { zh: '惠企政策', en: 'Policy' },
  service_package: { zh: '服务包', en: 'Service package' },
  policy_push: { zh: '政策推送', en: 'Policy push' },
  policy_redemption: { zh: '政策申兑', en: 'Policy redemption' },
  visit_plan: { zh: '走访计划', en: 'Visit plan' },
  report: { zh: '报告', en: 'Report' },
  audit_log: { zh: '审计日志', en: 'Audit log' },
  settings: { zh: '系统设置', en: 'Settings' },
  working_calendar: { zh: '工作日历', en: 'Working calendar' },
  // events (issue 16)
  event: { zh: '活动', en: 'Event' },
  event_registration: { zh: '活动报名', en: 'Event registration' },
  event_kind: { zh: '活动类型', en: 'Event kind' },
  honour: { zh: '荣誉称号', en: 'Honour' },
  // 融资 financing
  financing_need: { zh: '融资需求', en: 'Financing need' },
  bank_product: { zh: '金融产品', en: 'Bank product' },
  financing_program: { zh: '专项融资项目', en: 'Financing program' },
  // 互助 mutual aid
  aid_post: { zh: '互助信息', en: 'Mutual aid post' },
  aid_match: { zh: '互助对接', en: 'Mutual aid match' },
} as const satisfies Record<string, LocalizedText>;
export type AuditObjectType = keyof typeof AUDIT_OBJECT_TYPES;
export const AUDIT_OBJECT_TYPE_CODES = Object.keys(AUDIT_OBJECT_TYPES) as AuditObjectType[];

export function auditObjectTypeName(type: string): LocalizedText {
  return Object.hasOwn(AUDIT_OBJECT_TYPES, type)
    ? AUDIT_OBJECT_TYPES[type as AuditObjectType]
    : { zh: type, en: type };
}

/**
 * The labels of the fields audit details carry. A key not listed is shown as itself: nothing is hidden,
 * but it reads as code — list it here.
 */
export const AUDIT_FIELD_LABELS: Record<string, LocalizedText> = {
  // People and accounts
  username: { zh: '用户名', en: 'Username' },
  displayName: { zh: '姓名', en: 'Name' },
  email: { zh: '邮箱', en: 'Email' },
  roles: { zh: '角色', en: 'Roles' },
  adminRoleChanged: { zh: '涉及管理员角色', en: 'Administrator role changed' },
  disabled: { zh: '停用', en: 'Disabled' },
  mustChangePassword: { zh: '须修改密码', en: 'Must change password' },
  lockedUntil: { zh: '锁定至', en: 'Locked until' },
  minutes: { zh: '锁定分钟数', en: 'Minutes locked' },
  reason: { zh: '原因', en: 'Reason' },
  consecutiveFailures: { zh: '连续失败次数', en: 'Consecutive failures' },
  via: { zh: '方式', en: 'Via' },
  method: { zh: '请求方法', en: 'Method' },
  route: { zh: '接口', en: 'Route' },
  accounts: { zh: '账号', en: 'Accounts' },
  demo: { zh: '演示数据', en: 'Demo data' },
  // Organisation
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '类型', en: 'Kind' },
  code: { zh: '编码', en: 'Code' },
  parentId: { zh: '上级', en: 'Parent' },
  orgUnitId: { zh: '所属单位', en: 'Organisation unit' },
  orgUnitName: { zh: '单位', en: 'Unit' },
  department: { zh: '部门', en: 'Department' },
  departmentId: { zh: '部门', en: 'Department' },
  departmentIds: { zh: '部门', en: 'Departments' },
  path: { zh: '路径', en: 'Path' },
  depth: { zh: '层级', en: 'Depth' },
  version: { zh: '版本', en: 'Version' },
  // Rosters
  enterprise: { zh: '企业', en: 'Enterprise' },
  enterpriseId: { zh: '企业', en: 'Enterprise' },
  enterpriseName: { zh: '企业名称', en: 'Enterprise' },
  uscc: { zh: '统一社会信用代码', en: 'Credit code' },
  size: { zh: '企业规模', en: 'Size' },
  industryCode: { zh: '行业代码', en: 'Industry' },
  contacts: { zh: '联系人', en: 'Contacts' },
  contact: { zh: '联系人', en: 'Contact' },
  contactName: { zh: '联系人', en: 'Contact' },
  mobile: { zh: '手机号', en: 'Mobile' },
  position: { zh: '职务', en: 'Position' },
  isPrimary: { zh: '主要联系人', en: 'Primary contact' },
  membershipType: { zh: '会员类型', en: 'Membership type' },
  membershipStatus: { zh: '会员状态', en: 'Membership status' },
  legalRepresentative: { zh: '法定代表人', en: 'Legal representative' },
  address: { zh: '地址', en: 'Address' },
  tags: { zh: '标签', en: 'Tags' },
  keep: { zh: '保留企业', en: 'Kept' },
  duplicate: { zh: '被合并企业', en: 'Merged away' },
  kept: { zh: '保留企业', en: 'Kept' },
  merged: { zh: '被合并企业', en: 'Merged away' },
  movedContacts: { zh: '转入联系人数', en: 'Contacts moved' },
  fileName: { zh: '文件名', en: 'File' },
  counts: { zh: '统计', en: 'Counts' },
  created: { zh: '新增', en: 'Created' },
  updated: { zh: '更新', en: 'Updated' },
  skipped: { zh: '跳过', en: 'Skipped' },
  rejected: { zh: '拒绝', en: 'Rejected' },
  total: { zh: '合计', en: 'Total' },
  import: { zh: '导入', en: 'Import' },
  jobId: { zh: '导入任务', en: 'Import job' },
  row: { zh: '行号', en: 'Row' },
  rows: { zh: '行数', en: 'Rows' },
  error: { zh: '错误', en: 'Error' },
  filter: { zh: '筛选条件', en: 'Filter' },
  personId: { zh: '人士', en: 'Person' },
  personName: { zh: '人士', en: 'Person' },
  gender: { zh: '性别', en: 'Gender' },
  birthYear: { zh: '出生年份', en: 'Birth year' },
  politicalAffiliation: { zh: '政治面貌', en: 'Political affiliation' },
  chamberId: { zh: '商会', en: 'Chamber' },
  chamberName: { zh: '商会', en: 'Chamber' },
  leaderId: { zh: '班子成员', en: 'Leader' },
  role: { zh: '职务', en: 'Role' },
  joinedOn: { zh: '入会日期', en: 'Joined on' },
  termStart: { zh: '任期开始', en: 'Term starts' },
  termEnd: { zh: '任期结束', en: 'Term ends' },
  owner: { zh: '所属', en: 'Owner' },
  ownerName: { zh: '所属', en: 'Owner' },
  form: { zh: '组建形式', en: 'Form' },
  secretaryName: { zh: '书记', en: 'Secretary' },
  memberCount: { zh: '党员人数', en: 'Members' },
  foundedOn: { zh: '成立日期', en: 'Founded on' },
  // Appeals
  number: { zh: '编号', en: 'Number' },
  title: { zh: '标题', en: 'Title' },
  category: { zh: '诉求分类', en: 'Category' },
  source: { zh: '来源', en: 'Source' },
  urgency: { zh: '紧急程度', en: 'Urgency' },
  from: { zh: '原状态', en: 'From' },
  to: { zh: '新状态', en: 'To' },
  note: { zh: '说明', en: 'Note' },
  satisfaction: { zh: '满意度', en: 'Satisfaction' },
  channel: { zh: '评价方式', en: 'Rating channel' },
  outcome: { zh: '办理结果', en: 'Outcome' },
  forwardId: { zh: '转办记录', en: 'Forward' },
  departments: { zh: '承办部门', en: 'Departments' },
  mergedIntoId: { zh: '并入诉求', en: 'Merged into' },
  intoId: { zh: '并入诉求', en: 'Merged into' },
  into: { zh: '并入诉求编号', en: 'Merged into' },
  appealId: { zh: '诉求', en: 'Appeal' },
  respondDueAt: { zh: '响应期限', en: 'Respond by' },
  resolveDueAt: { zh: '办结期限', en: 'Resolve by' },
  attachmentId: { zh: '附件', en: 'Attachment' },
  mediaType: { zh: '文件类型', en: 'File type' },
  sizeBytes: { zh: '文件大小', en: 'File size' },
  description: { zh: '说明', en: 'Description' },
  respondDays: { zh: '响应时限（工作日）', en: 'Response days' },
  resolveDays: { zh: '办结时限（工作日）', en: 'Resolution days' },
  deadlines: { zh: '办理时限', en: 'Deadlines' },
  headUserId: { zh: '负责人', en: 'Head' },
  nameZh: { zh: '中文名称', en: 'Chinese name' },
  nameEn: { zh: '英文名称', en: 'English name' },
  sort: { zh: '排序', en: 'Order' },
  active: { zh: '启用', en: 'Active' },
  // Suggestions
  policyTitle: { zh: '政策文件', en: 'Policy' },
  targetBody: { zh: '报送对象', en: 'Sent to' },
  appealIds: { zh: '关联诉求', en: 'Linked appeals' },
  body: { zh: '正文', en: 'Body' },
  status: { zh: '状态', en: 'Status' },
  decision: { zh: '采纳情况', en: 'Decision' },
  // Visits
  plannedOn: { zh: '计划日期', en: 'Planned for' },
  visitedOn: { zh: '走访日期', en: 'Visited on' },
  visitorIds: { zh: '走访人员', en: 'Visitors' },
  leaderNames: { zh: '带队领导', en: 'Leaders' },
  planId: { zh: '走访计划', en: 'Visit plan' },
  startsOn: { zh: '开始日期', en: 'Starts on' },
  endsOn: { zh: '结束日期', en: 'Ends on' },
  notes: { zh: '备注', en: 'Notes' },
  assignments: { zh: '任务分配', en: 'Assignments' },
  brought: { zh: '送达内容', en: 'Brought' },
  summary: { zh: '走访情况', en: 'Summary' },
  // Reports, ledgers, the audit log, settings
  type: { zh: '报告类型', en: 'Report type' },
  period: { zh: '期间', en: 'Period' },
  revision: { zh: '版次', en: 'Revision' },
  trigger: { zh: '生成方式', en: 'Trigger' },
  dataHash: { zh: '数据校验值', en: 'Data hash' },
  ms: { zh: '耗时（毫秒）', en: 'Time (ms)' },
  upToSeq: { zh: '截至序号', en: 'Up to record' },
  removed: { zh: '移除', en: 'Removed' },
  added: { zh: '新增', en: 'Added' },
  date: { zh: '日期', en: 'Date' },
  isWorkday: { zh: '工作日', en: 'Working day' },
  actor: { zh: '操作人', en: 'Actor' },
  action: { zh: '操作', en: 'Action' },
  object: { zh: '对象', en: 'Record' },
  objectType: { zh: '对象类型', en: 'Record type' },
  objectId: { zh: '对象标识', en: 'Record id' },
  result: { zh: '结果', en: 'Result' },
  group: { zh: '分类', en: 'Group' },
  passwordMinLength: { zh: '密码最短长度', en: 'Minimum password length' },
  passwordRequireComplexity: { zh: '密码须含多类字符', en: 'Complex passwords' },
  passwordMaxAgeDays: { zh: '密码有效期（天）', en: 'Password lifetime (days)' },
  adminPasswordMaxAgeDays: { zh: '管理员密码有效期（天）', en: 'Administrator password lifetime (days)' },
  loginChallengeThreshold: { zh: '需图形验证码的失败次数', en: 'Failures before a challenge' },
  lockoutThreshold: { zh: '锁定前允许失败次数', en: 'Failures before lockout' },
  lockoutMinutes: { zh: '锁定时长（分钟）', en: 'Lockout (minutes)' },
  sessionIdleMinutes: { zh: '会话空闲超时（分钟）', en: 'Session idle timeout (minutes)' },
  sessionAbsoluteHours: { zh: '会话最长时长（小时）', en: 'Session lifetime (hours)' },
  // events (issue 16): an event's links
  policies: { zh: '关联政策', en: 'Linked policies' },
  campaignName: { zh: '关联捐赠活动', en: 'Linked campaign' },
};

export function auditFieldLabel(key: string): LocalizedText {
  return AUDIT_FIELD_LABELS[key] ?? { zh: key, en: key };
}

export const AUDIT_RESULT_LABELS = {
  success: { zh: '成功', en: 'Success' },
  failure: { zh: '失败', en: 'Failure' },
  denied: { zh: '拒绝', en: 'Denied' },
} as const satisfies Record<string, LocalizedText>;

/** Words for stored codes that audit details carry and that no other shared table names. */
export const AUDIT_VALUE_LABELS = {
  loginFailure: {
    wrong_password: '密码错误',
    unknown_user: '用户名不存在',
    disabled: '账号已停用',
    locked: '账号已锁定',
    challenge_failed: '图形验证码错误',
  },
  reportType: {
    weekly: '工作周报',
    monthly: '月度工作总结',
    quarterly: '季度工作考核情况报告',
    'special-difficulties': '会员企业困难问题调研报告',
  },
  reportTrigger: { manual: '手动生成', scheduled: '到期自动生成' },
  ledgerKind: { members: '会员企业台账', visits: '走访台账', appeals: '诉求台账' },
  suggestionKind: { proposal: '建议', policy_comment: '政策征求意见' },
  visitStatus: { planned: '计划中', done: '已走访', cancelled: '已取消' },
  ratingChannel: { phone: '电话回访', visit: '上门回访', self_service: '企业自评', console: '服务器控制台' },
} as const satisfies Record<string, Record<string, string>>;
