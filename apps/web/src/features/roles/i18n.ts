// 角色与安全 roles and security settings: texts in Chinese (the source) and English. Permission names come
// from packages/shared (permission-labels.ts).
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  roles: {
    title: '角色与安全',
    tabs: {
      roles: '角色权限',
      security: '安全设置',
      tokens: '接口令牌',
    },
    separation:
      '三员分立：系统管理员负责账号与组织机构，安全管理员负责角色授权与安全策略，审计管理员负责审计日志，三者互相独立、互相制约。',
    columns: {
      name: '角色',
      kind: '类别',
      permissions: '权限',
      userCount: '用户数',
    },
    kind: {
      admin: '管理员',
      business: '业务',
    },
    noPermissions: '无平台管理权限',
  },
  security: {
    intro: '修改后立即生效，并记入审计日志。',
    groups: {
      password: '密码策略',
      lockout: '登录锁定',
      session: '会话管理',
    },
    passwordMinLength: '密码最小长度',
    passwordRequireComplexity: '要求复杂密码',
    passwordRequireComplexityHelp: '须混合使用大小写字母、数字和符号',
    passwordMaxAgeDays: '密码有效期（天）',
    passwordMaxAgeDaysHelp: '0 表示不强制定期修改',
    adminPasswordMaxAgeDays: '管理员密码有效期（天）',
    adminPasswordMaxAgeDaysHelp:
      '系统管理员、安全管理员、审计管理员的密码到期须修改后才能继续使用；0 表示同上',
    loginChallengeThreshold: '连续失败后要求验证码（次）',
    loginChallengeThresholdHelp:
      '同一用户名失败达到此次数后，登录须输入图片验证码（由本平台生成，无需外网）；0 表示不启用',
    lockoutThreshold: '连续失败锁定阈值（次）',
    lockoutMinutes: '锁定时长（分钟）',
    sessionIdleMinutes: '空闲超时（分钟）',
    sessionAbsoluteHours: '会话最长有效期（小时）',
    saved: '安全设置已保存',
    unit: {
      chars: '位',
      days: '天',
      times: '次',
      minutes: '分钟',
      hours: '小时',
    },
  },
  apiTokens: {
    intro:
      '接口令牌供外部系统（12345热线、城市平台、银行系统）调用本平台接口：请求头 Authorization: Bearer <令牌>。令牌只具有签发时选定的权限，只能访问选定单位及其下级的数据；到期或吊销后立即失效，每次调用都有记录。接口说明见 /api/docs。',
    issue: '签发令牌',
    namePlaceholder: '如：12345热线',
    permissionsHint: '只能选择业务权限和“接收12345热线诉求”，管理员权限不能授予令牌。',
    orgUnitHint: '选择一级工商联（省、市、区县或街道）：令牌只能访问其下的数据。',
    columns: {
      name: '名称',
      permissions: '权限',
      orgUnit: '范围',
      expiresAt: '到期时间',
      lastUsedAt: '最近调用',
      state: '状态',
      actions: '操作',
    },
    state: { active: '有效', expired: '已过期', revoked: '已吊销' },
    revoke: '吊销',
    revokeConfirm: '吊销“{{name}}”？吊销后该令牌立即无法调用。',
    secretTitle: '令牌已签发',
    secretOnce: '令牌明文只显示这一次，关闭后无法再次查看。请立即复制并安全地交给对方系统的管理员。',
    secretDone: '我已保存',
    copy: '复制',
    copied: '已复制',
    copyFailed: '复制失败，请手动选中复制',
    uses: { title: '最近调用', at: '时间', route: '接口', status: '状态码', count: '次数（同一秒）' },
  },
};

export const enUS: Translation<typeof zhCN> = {
  roles: {
    title: 'Roles & security',
    tabs: {
      roles: 'Roles',
      security: 'Security settings',
      tokens: 'API tokens',
    },
    separation:
      'Separation of duties: the system administrator runs accounts and units, the security administrator grants roles and sets the security policy, the audit administrator reads the audit log; each checks the others.',
    columns: {
      name: 'Role',
      kind: 'Kind',
      permissions: 'Permissions',
      userCount: 'Users',
    },
    kind: {
      admin: 'Administrator',
      business: 'Business',
    },
    noPermissions: 'No platform administration permissions',
  },
  security: {
    intro: 'Changes take effect at once and are recorded in the audit log.',
    groups: {
      password: 'Password policy',
      lockout: 'Sign-in lockout',
      session: 'Sessions',
    },
    passwordMinLength: 'Minimum password length',
    passwordRequireComplexity: 'Require complex passwords',
    passwordRequireComplexityHelp: 'Mix upper and lower case letters, digits and symbols',
    passwordMaxAgeDays: 'Password lifetime (days)',
    passwordMaxAgeDaysHelp: '0 means passwords do not expire',
    adminPasswordMaxAgeDays: 'Administrators’ password lifetime (days)',
    adminPasswordMaxAgeDaysHelp:
      'The system, security and audit administrators must change an expired password before going on; 0: as above',
    loginChallengeThreshold: 'Failed sign-ins before an image challenge',
    loginChallengeThresholdHelp:
      'After this many failures for a username the sign-in asks for the characters of an image drawn by the platform (no outside service); 0: off',
    lockoutThreshold: 'Failed sign-ins before lockout',
    lockoutMinutes: 'Lockout duration (minutes)',
    sessionIdleMinutes: 'Idle timeout (minutes)',
    sessionAbsoluteHours: 'Maximum session length (hours)',
    saved: 'Security settings saved',
    unit: {
      chars: 'chars',
      days: 'days',
      times: 'times',
      minutes: 'min',
      hours: 'h',
    },
  },
  apiTokens: {
    intro:
      'API tokens let outside systems (the 12345 hotline, a city platform, a bank) call this platform: header Authorization: Bearer <token>. A token holds only the permissions chosen when it was issued and reaches only the chosen unit and those below; it stops working at once when it expires or is revoked, and every call is logged. The API reference is at /api/docs.',
    issue: 'Issue token',
    namePlaceholder: 'e.g. 12345 hotline',
    permissionsHint:
      'Business permissions and "Receive 12345 hotline appeals" only; administrator permissions are never given to a token.',
    orgUnitHint: 'A federation (province, city, district or street): the token reaches only its data.',
    columns: {
      name: 'Name',
      permissions: 'Permissions',
      orgUnit: 'Scope',
      expiresAt: 'Expires',
      lastUsedAt: 'Last used',
      state: 'State',
      actions: 'Actions',
    },
    state: { active: 'Active', expired: 'Expired', revoked: 'Revoked' },
    revoke: 'Revoke',
    revokeConfirm: 'Revoke “{{name}}”? It stops working at once.',
    secretTitle: 'Token issued',
    secretOnce:
      'The token is shown only this once. Copy it now and hand it safely to the other system’s administrator.',
    secretDone: 'I have saved it',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Copy failed: select and copy it by hand',
    uses: {
      title: 'Latest calls',
      at: 'Time',
      route: 'Route',
      status: 'Status',
      count: 'Calls (same second)',
    },
  },
};
