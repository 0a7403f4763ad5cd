// Error codes: the one table from code to HTTP status and to the user-facing message (zh and en).

export const ERROR_CODES = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的数据有误，请按提示修改后重试',
    en: 'The request data is invalid',
  },
  MALFORMED_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in first' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  CHALLENGE_REQUIRED: {
    status: 401,
    zh: '登录失败次数较多，请输入图中的验证码后再登录',
    en: 'Several sign-ins failed: enter the characters in the image to continue',
  },
  CHALLENGE_FAILED: {
    status: 401,
    zh: '验证码不正确或已过期，请输入新的验证码',
    en: 'The characters did not match or the image expired; try the new image',
  },
  SESSION_EXPIRED: {
    status: 401,
    zh: '登录已过期，请重新登录',
    en: 'Your session has expired, please sign in again',
  },
  FORBIDDEN: { status: 403, zh: '没有执行此操作的权限', en: 'You are not allowed to do this' },
  CSRF_REJECTED: {
    status: 403,
    zh: '请求来源校验失败，请从本系统页面发起操作',
    en: 'Cross-site request refused: send it from this site',
  },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改初始密码',
    en: 'You must change your initial password first',
  },
  NOT_FOUND: { status: 404, zh: '记录不存在或无权查看', en: 'Not found' },
  CONFLICT: { status: 409, zh: '与现有数据冲突', en: 'This conflicts with existing data' },
  VERSION_CONFLICT: {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  INVITATION_GONE: {
    status: 410,
    zh: '邀请码已使用或已过期，请联系工商联或商会秘书长重新邀请',
    en: 'This invitation was used or has expired: ask the federation or the chamber secretary for a new one',
  },
  INVITATION_INVALID: {
    status: 401,
    zh: '邀请码无效，请核对链接或邀请函上的邀请码',
    en: 'This invitation code is not valid: check the link or the letter',
  },
  RESET_LINK_GONE: {
    status: 410,
    zh: '设置密码的链接无效、已使用或已过期，请联系工商联重新发放',
    en: 'This password link is not valid, was used or has expired: ask for a new one',
  },
  SMS_NOT_CONFIGURED: {
    status: 404,
    zh: '本平台未开通短信验证码登录，请用手机号和密码登录',
    en: 'Sign-in by SMS code is not offered here: sign in with your mobile number and password',
  },
  SMS_TOO_SOON: {
    status: 429,
    zh: '验证码已发送，请稍候再重新获取',
    en: 'A code was just sent: wait a moment before asking for another',
  },
  SMS_DAILY_LIMIT: {
    status: 429,
    zh: '该手机号今日获取验证码次数已达上限，请明天再试或用密码登录',
    en: 'This number has had its codes for today: try tomorrow or sign in with your password',
  },
  SMS_CODE_INVALID: {
    status: 401,
    zh: '验证码不正确或已过期，请重新获取',
    en: 'The code is wrong or has expired: ask for a new one',
  },
  SMS_SEND_FAILED: {
    status: 502,
    zh: '短信发送失败，请稍后再试或用密码登录',
    en: 'The text message could not be sent: try again later or sign in with your password',
  },
  MOBILE_TAKEN: {
    status: 409,
    zh: '该手机号已开通账号，请直接用手机号登录；忘记密码请联系工商联重设',
    en: 'This mobile number already has an account: sign in with it, or ask for a password reset',
  },
  INVALID_TRANSITION: {
    status: 409,
    zh: '当前状态下不能执行此操作',
    en: 'This action is not allowed in the current state',
  },
  ROLE_CONFLICT: {
    status: 409,
    zh: '三员分立：系统管理员、安全管理员、审计管理员角色不能由同一账号兼任，也不能兼任业务角色',
    en: 'Separation of duties: an administrator account holds exactly one administrator role and no business role',
  },
  DEPARTMENT_HAS_NO_LIAISON: {
    status: 409,
    zh: '该部门没有可用的联络员账号，转办后无人接收。请先为该部门开通联络员账号，或在快捷通道中设置推送地址',
    en: 'The department has no liaison account, so nobody would receive the forward. Give it a liaison account or a channel webhook first',
  },
  REPORT_NOT_READY: {
    status: 409,
    zh: '报告尚未生成完成，请稍后再试',
    en: 'The report is not ready yet; try again shortly',
  },
  REPORT_SUPERSEDED: {
    status: 409,
    zh: '该报告已有更新的版本，请在最新版本上修改',
    en: 'A newer revision of this report exists; edit that one',
  },
  // 融资 financing
  CONSENT_REQUIRED: {
    status: 409,
    zh: '企业尚未授权向银行共享数据，不能推送。请先取得企业授权',
    en: 'The enterprise has not consented to share its data with banks: get its consent before sending',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '提交的内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '不支持的内容类型，请以 JSON 格式提交',
    en: 'Unsupported content type: send JSON',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '连续登录失败次数过多，账号已临时锁定，请稍后再试',
    en: 'Too many failed sign-ins: the account is locked for a while',
  },
  API_TOKEN_INVALID: {
    status: 401,
    zh: '接口令牌无效：令牌不存在或格式不正确',
    en: 'The API token is not valid',
  },
  API_TOKEN_EXPIRED: {
    status: 401,
    zh: '接口令牌已过期，请向安全管理员申请新令牌',
    en: 'The API token has expired',
  },
  API_TOKEN_REVOKED: { status: 401, zh: '接口令牌已被吊销', en: 'The API token has been revoked' },
  API_TOKEN_RATE_LIMITED: {
    status: 429,
    zh: '该接口令牌的调用过于频繁，请稍后再试',
    en: 'Too many requests with this API token, try again later',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests, try again later' },
  INTERNAL_ERROR: { status: 500, zh: '服务器内部错误，请稍后重试', en: 'Internal server error' },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    zh: '数据库暂时无法连接，请稍后重试',
    en: 'The database is unreachable for the moment; try again shortly',
  },
  DATABASE_BUSY: {
    status: 503,
    zh: '系统繁忙，本次操作未保存，请稍后重试',
    en: 'The system is busy and nothing was saved; try again shortly',
  },
  // events (issue 16): the check-in QR code's token.
  CHECK_IN_TOKEN_INVALID: {
    status: 401,
    zh: '签到二维码无效，请重新扫描现场的签到二维码',
    en: 'This check-in code is not valid: scan the code shown at the venue again',
  },
  CHECK_IN_TOKEN_EXPIRED: {
    status: 401,
    zh: '签到二维码已过期，请重新扫描现场屏幕上的最新二维码',
    en: 'This check-in code has expired: scan the current code on the screen again',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export type Lang = 'zh' | 'en';

/** One problem with one field: `path` is dotted (`contacts.0.mobile`), `code` is machine-readable. */
export interface ErrorDetail {
  path: string;
  code: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[]; requestId?: string };
}

export function errorStatus(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERROR_CODES[code][lang];
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof (value as { error: unknown }).error === 'object'
  );
}
