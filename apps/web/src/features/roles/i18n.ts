// 角色与安全 roles and security settings: texts in Chinese (the source) and English. Permission names come
// from packages/shared (permission-labels.ts).
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  roles: {
    title: '角色与安全',
    tabs: {
      roles: '角色权限',
      security: '安全设置',
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
};

export const enUS: Translation<typeof zhCN> = {
  roles: {
    title: 'Roles & security',
    tabs: {
      roles: 'Roles',
      security: 'Security settings',
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
};
