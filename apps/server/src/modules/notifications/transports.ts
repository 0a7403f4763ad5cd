// How notifications leave the app: email over SMTP (nodemailer) and JSON posts to 企业微信/钉钉 group robots,
// both only to checked addresses (core/outbound: no loopback, private or link-local peer unless allowed).
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { postJsonOutbound, resolveOutbound, type OutboundAllow } from '../../core/outbound/outbound.ts';

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
  /** The checked address the transporter connects to; a new resolution to another makes a new one. */
  private address: string | undefined;

  constructor(
    private readonly smtpUrl: string | undefined,
    private readonly from: string,
    private readonly allow: OutboundAllow,
  ) {}

  get configured(): boolean {
    return this.smtpUrl !== undefined;
  }

  async send(to: string, payload: EmailPayload): Promise<void> {
    if (!this.smtpUrl) throw new Error('SMTP 未配置（QINQING_SMTP_URL）');
    // Parsed as nodemailer would parse the URL, then pointed at the address checked just now (the name
    // kept for TLS); no proxy or direct delivery, which would connect elsewhere.
    const { proxy: _proxy, direct: _direct, ...options } = parseConnectionUrl(this.smtpUrl);
    const host = options.host ?? 'localhost';
    const [checked] = await resolveOutbound(host, this.allow);
    if (!this.transporter || this.address !== checked!.address) {
      this.close();
      this.transporter = nodemailer.createTransport({
        ...options,
        host: checked!.address,
        ...(isIP(host) ? {} : { servername: host }),
        connectionTimeout: TIMEOUT_MS,
        greetingTimeout: TIMEOUT_MS,
        socketTimeout: TIMEOUT_MS * 2,
      });
      this.address = checked!.address;
    }
    await this.transporter.sendMail({ from: this.from, to, subject: payload.subject, text: payload.text });
  }

  close(): void {
    this.transporter?.close();
    this.transporter = undefined;
    this.address = undefined;
  }
}

/**
 * Posts the message. A robot answers HTTP 200 even when it refuses the message, with a non-zero `errcode`
 * (both 企业微信 and 钉钉 do): that is a failure too.
 */
export async function postWebhook(url: string, payload: WebhookPayload, allow: OutboundAllow): Promise<void> {
  const { status, text } = await postJsonOutbound(url, payload, allow, TIMEOUT_MS);
  if (status < 200 || status >= 300) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
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
