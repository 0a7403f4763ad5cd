// The phone side's calls to the API: same-origin fetch, JSON both ways (a photo as multipart), the chosen
// language, and one error type carrying the server's code and message. The desktop's client brings the
// desktop's texts and navigation with it; this one is the size of what a phone needs.
import type {
  AppealCategoryView,
  AppealSummary,
  AppealTransitionRequest,
  AppealView,
  CheckInSessionInfo,
  CheckInView,
  CurrentUser,
  EventPage,
  EventView,
  RegistrationList,
  RegistrationView,
  PersonListItem,
  LoginChallenge,
  LoginOptions,
  NotificationPage,
  NotificationView,
  OwnEnterpriseView,
  MyPolicy,
  MyPackage,
  PolicyMark,
  PolicyView,
  // 互助 mutual aid
  AidCandidate,
  AidMatchView,
  AidPostView,
  CreateAidPostRequest,
  // 捐赠 donations · 志愿服务 volunteers
  CampaignSummary,
  CreateDonationRequest,
  DonationPage,
  DonationView,
  VolunteerView,
  // 融资 financing
  CreateNeedRequest,
  NeedPage,
  NeedView,
} from '@qinqing/shared';
import { currentLang } from './lang.ts';

export interface ErrorDetail {
  path: string;
  message: string;
}

export class PhoneApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'PhoneApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** Told when the server says nobody is signed in any more (the app shows the sign-in page). */
let onSignedOut: (() => void) | undefined;
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

const SIGNED_OUT = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED']);

async function call<T>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
  extra: { headers?: Record<string, string>; signedOutIsAnswer?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLang() === 'en' ? 'en' : 'zh-CN',
    ...extra.headers,
  };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body instanceof FormData) init.body = body;
  else if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, init);
  } catch {
    throw new PhoneApiError(0, 'NETWORK_ERROR', '');
  }
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => undefined)) as
    { error?: { code: string; message: string; details?: ErrorDetail[] } } | undefined;
  if (response.ok) return payload as T;
  const error = payload?.error;
  const failure = new PhoneApiError(
    response.status,
    error?.code ?? 'BAD_RESPONSE',
    error?.message ?? '',
    error?.details ?? [],
  );
  if (SIGNED_OUT.has(failure.code) && !extra.signedOutIsAnswer) onSignedOut?.();
  throw failure;
}

/** A random UUID where crypto.randomUUID is missing (it needs a secure context; a LAN address is not). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export const phoneApi = {
  async me(): Promise<CurrentUser | null> {
    try {
      return (await call<{ user: CurrentUser }>('GET', '/auth/me', undefined, { signedOutIsAnswer: true }))
        .user;
    } catch (error) {
      if (error instanceof PhoneApiError && error.status === 401) return null;
      throw error;
    }
  },
  login: (body: { username: string; password: string; challengeId?: string; challengeAnswer?: string }) =>
    call<{ user: CurrentUser }>('POST', '/auth/login', body, { signedOutIsAnswer: true }),
  challenge: () => call<LoginChallenge>('POST', '/auth/challenge', {}, { signedOutIsAnswer: true }),
  loginOptions: () => call<LoginOptions>('GET', '/auth/options', undefined, { signedOutIsAnswer: true }),
  sendSmsCode: (mobile: string) =>
    call<{ sent: boolean }>('POST', '/auth/sms-codes', { mobile }, { signedOutIsAnswer: true }),
  smsLogin: (body: { mobile: string; code: string }) =>
    call<{ user: CurrentUser }>('POST', '/auth/sms-login', body, { signedOutIsAnswer: true }),
  logout: () => call<void>('POST', '/auth/logout', {}, { signedOutIsAnswer: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<{ user: CurrentUser }>('POST', '/auth/password', { currentPassword, newPassword }),
  categories: () => call<{ items: AppealCategoryView[] }>('GET', '/appeal-categories'),
  appeals: (page: number) =>
    call<Page<AppealSummary>>('GET', `/appeals?page=${page}&pageSize=20&sort=received_desc`),
  appeal: (id: string) => call<{ appeal: AppealView }>('GET', `/appeals/${id}`),
  raise: (
    body: { enterpriseId: string; category: string; title: string; description: string },
    idempotencyKey: string,
  ) =>
    call<{ appeal: AppealView }>(
      'POST',
      '/appeals',
      { ...body, source: 'self_service', urgency: 'normal' },
      { headers: { 'Idempotency-Key': idempotencyKey } },
    ),
  attach(appealId: string, file: Blob, fileName: string) {
    const form = new FormData();
    form.append('file', file, fileName);
    return call<unknown>('POST', `/appeals/${appealId}/attachments`, form);
  },
  transition: (appealId: string, body: AppealTransitionRequest) =>
    call<{ appeal: AppealView }>('POST', `/appeals/${appealId}/transitions`, body),
  ownEnterprise: () => call<{ enterprise: OwnEnterpriseView }>('GET', '/own-enterprise'),
  notifications: (page: number) => call<NotificationPage>('GET', `/notifications?page=${page}&pageSize=20`),
  unreadCount: () => call<{ unread: number }>('GET', '/notifications/unread-count'),
  markRead: (id: string) => call<{ notification: NotificationView }>('POST', `/notifications/${id}/read`),
  markAllRead: () => call<{ marked: number }>('POST', '/notifications/read-all'),
  // events (issue 16): the check-in page (public with its token) and 我的活动.
  checkInSession: (token: string) =>
    call<CheckInSessionInfo>('GET', `/check-ins/session?token=${encodeURIComponent(token)}`, undefined, {
      signedOutIsAnswer: true,
    }),
  checkIn: (body: {
    token: string;
    nonce: string;
    mobile?: string;
    personName?: string;
    registrationId?: string;
  }) => call<{ checkIn: CheckInView }>('POST', '/check-ins', body, { signedOutIsAnswer: true }),
  events: (query: string) => call<EventPage>('GET', `/events?${query}`),
  event: (id: string) =>
    call<{ event: EventView }>('GET', `/events/${id}`, undefined, { signedOutIsAnswer: true }),
  registrations: (eventId: string) => call<RegistrationList>('GET', `/events/${eventId}/registrations`),
  register: (
    eventId: string,
    body: { personName: string; post?: string; mobile?: string; personId?: string },
  ) => call<{ registration: RegistrationView }>('POST', `/events/${eventId}/registrations`, body),
  // The enterprise's own people in the registry (the people list's scope for a contact), to register.
  ourPeople: (enterpriseId: string) =>
    call<{ items: PersonListItem[] }>('GET', `/people?enterpriseId=${enterpriseId}&pageSize=200`),
  // 惠企政策 policies: 适合我的政策, one policy, its read receipt, a mark and a question.
  myPolicies: () => call<{ items: MyPolicy[] }>('GET', '/my/policies'),
  // 服务包 service packages: the ones the enterprise holds.
  myPackages: () => call<{ items: MyPackage[] }>('GET', '/my/service-packages'),
  myPolicy: (id: string) => call<{ item: MyPolicy; policy: PolicyView }>('GET', `/my/policies/${id}`),
  readPolicy: (id: string) => call<{ firstRead: boolean }>('POST', `/policies/${id}/read`),
  markPolicy: (id: string, mark: PolicyMark | null) =>
    call<{ mark: PolicyMark | null }>('POST', `/policies/${id}/marks`, { mark }),
  askAboutPolicy: (id: string, question: string) =>
    call<{ appealId: string; appealNumber: string }>('POST', `/policies/${id}/questions`, { question }),
  // 融资 financing: the enterprise's own needs, and stating one.
  financingNeeds: () => call<NeedPage>('GET', '/financing-needs?pageSize=50'),
  stateNeed: (body: CreateNeedRequest) => call<{ need: NeedView }>('POST', '/financing-needs', body),
  // 互助 mutual aid: the enterprise's matches, their transitions, and the open posts of the board.
  aidMatches: () => call<{ items: AidMatchView[] }>('GET', '/aid-matches'),
  aidTransition: (id: string, body: { action: 'accept' | 'decline'; version: number }) =>
    call<{ match: AidMatchView }>('POST', `/aid-matches/${id}/transitions`, body),
  aidBoard: () => call<{ items: AidPostView[] }>('GET', '/aid-posts?state=open&pageSize=50'),
  // Posting a supply or need, the enterprise's own posts, and the candidates of one of them.
  aidPost: (body: CreateAidPostRequest) => call<{ post: AidPostView }>('POST', '/aid-posts', body),
  myAidPosts: (enterpriseId: string) =>
    call<{ items: AidPostView[] }>('GET', `/aid-posts?enterpriseId=${enterpriseId}&pageSize=50`),
  aidCandidates: (postId: string) => call<{ items: AidCandidate[] }>('GET', `/aid-posts/${postId}/matches`),
  // 捐赠 donations: the enterprise's own, reporting one (pending), its evidence; the campaigns to give to.
  donations: () => call<DonationPage>('GET', '/donations?pageSize=50'),
  campaigns: () => call<Page<CampaignSummary>>('GET', '/campaigns?pageSize=50'),
  reportDonation: (body: CreateDonationRequest) =>
    call<{ donation: DonationView }>('POST', '/donations', body),
  addDonationEvidence(donationId: string, file: Blob, fileName: string) {
    const form = new FormData();
    form.append('file', file, fileName);
    return call<unknown>('POST', `/donations/${donationId}/attachments`, form);
  },
  // 志愿服务 volunteers: the enterprise's own.
  volunteers: () => call<Page<VolunteerView> & { partyMembers: number }>('GET', '/volunteers?pageSize=100'),
};
