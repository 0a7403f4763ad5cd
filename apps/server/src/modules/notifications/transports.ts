// How notifications leave the app: email over SMTP (nodemailer) and JSON posts to 企业微信/钉钉 group robots.
import nodemailer from 'nodemailer';

/** A peer that does not answer is given up on for this attempt; the outbox tries again later. */
const TIMEOUT_MS = 10_000;

export interface EmailPayload {
  subject: string;
  text: string;
}

/** The robot message both 企业微信 and 钉钉 accept. */
export interface WebhookPayload {
  msgtype: 'text';
  text: { content: string };
}

export class EmailSender {
  private transporter: ReturnType<typeof nodemailer.createTransport> | undefined;

  constructor(
    private readonly smtpUrl: string | undefined,
    private readonly from: string,
  ) {}

  get configured(): boolean {
    return this.smtpUrl !== undefined;
  }

  async send(to: string, payload: EmailPayload): Promise<void> {
    if (!this.smtpUrl) throw new Error('SMTP 未配置（QINQING_SMTP_URL）');
    this.transporter ??= nodemailer.createTransport({
      url: this.smtpUrl,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS * 2,
    });
    await this.transporter.sendMail({ from: this.from, to, subject: payload.subject, text: payload.text });
  }

  close(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }
}

/**
 * Posts the message. A robot answers HTTP 200 even when it refuses the message, with a non-zero `errcode`
 * (both 企业微信 and 钉钉 do): that is a failure too.
 */
export async function postWebhook(url: string, payload: WebhookPayload): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return;
  }
  if (typeof answer === 'object' && answer !== null && 'errcode' in answer) {
    const { errcode, errmsg } = answer as { errcode: unknown; errmsg?: unknown };
    if (errcode !== 0) throw new Error(`errcode ${String(errcode)}: ${String(errmsg ?? '')}`);
  }
}
