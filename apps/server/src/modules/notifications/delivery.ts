// 通知投递 delivery of the outbox: the 'notifications.deliver' task sends due emails and webhook messages,
// each in its own transaction that holds the row (other instances skip it) until it is marked sent or
// failed; a failure is retried with a growing delay, up to MAX_ATTEMPTS.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../core/context.ts';
import { OutboundRefused, resolveOutbound } from '../../core/outbound/outbound.ts';
import type { ScheduledTask, TaskRun } from '../../core/scheduler/scheduler.ts';
import { claimDueMessage, markFailed, markSent } from './repository.ts';
import { EmailSender, postWebhook, type EmailPayload, type WebhookPayload } from './transports.ts';

export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 60_000;
/** Messages sent per run: a large backlog is worked off over several runs, not in one long one. */
const BATCH = 100;
const DELIVER_INTERVAL_MS = 15_000;

/** 1, 2, 4, 8 minutes after the 1st, 2nd, 3rd, 4th failure. */
export function retryDelayMs(attempts: number): number {
  return FIRST_RETRY_MS * 2 ** (attempts - 1);
}

export class OutboxDelivery {
  readonly email: EmailSender;

  constructor(private readonly ctx: AppContext) {
    this.email = new EmailSender(ctx.config.smtpUrl, ctx.config.smtpFrom, ctx.config.outboundAllow);
  }

  /** Sends what is due; answers how many were sent and how many failed this time. */
  async deliverDue(run: Pick<TaskRun, 'signal'>): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (let i = 0; i < BATCH && !run.signal.aborted; i++) {
      const outcome = await this.ctx.database.db.transaction(async (tx) => {
        const message = await claimDueMessage(tx, this.ctx.clock.now(), MAX_ATTEMPTS);
        if (!message) return undefined;
        const attempts = message.attempts + 1;
        try {
          if (message.transport === 'email') {
            await this.email.send(message.target, message.payload as unknown as EmailPayload);
          } else {
            await postWebhook(
              message.target,
              message.payload as unknown as WebhookPayload,
              this.ctx.config.outboundAllow,
            );
          }
        } catch (error) {
          const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
          const retryAt = new Date(this.ctx.clock.now().getTime() + retryDelayMs(attempts));
          await markFailed(tx, message.id, attempts, reason, retryAt);
          return 'failed' as const;
        }
        await markSent(tx, message.id, attempts, this.ctx.clock.now());
        return 'sent' as const;
      });
      if (!outcome) break;
      if (outcome === 'sent') sent++;
      else failed++;
    }
    return { sent, failed };
  }

  close(): void {
    this.email.close();
  }
}

/** The delivery task of the outbox; the SMTP connection closes with the app. */
export function notificationDeliveryTask(app: FastifyInstance, ctx: AppContext): ScheduledTask {
  const delivery = new OutboxDelivery(ctx);
  app.addHook('onClose', () => delivery.close());
  warnOfRefusedTargets(app, ctx);
  return {
    name: 'notifications.deliver',
    intervalMs: DELIVER_INTERVAL_MS,
    run: async (run) => {
      const { failed } = await delivery.deliverDue(run);
      if (failed > 0) app.log.warn({ failed }, 'some notifications could not be delivered; retrying later');
    },
  };
}

/**
 * Says at start when the configured SMTP server or global robot is at an address outbound targets may not
 * be (a mail relay on 127.0.0.1, say): every send would be refused until QINQING_OUTBOUND_ALLOW names it.
 */
function warnOfRefusedTargets(app: FastifyInstance, ctx: AppContext): void {
  const targets = [
    ['QINQING_SMTP_URL', ctx.config.smtpUrl],
    ['QINQING_WEBHOOK_URL', ctx.config.webhookUrl],
    ['QINQING_SMS_URL', ctx.config.sms?.endpoint],
  ] as const;
  for (const [variable, target] of targets) {
    if (!target) continue;
    resolveOutbound(new URL(target).hostname, ctx.config.outboundAllow).catch((error: unknown) => {
      if (error instanceof OutboundRefused) {
        app.log.warn({ variable, host: error.host, address: error.address }, error.message);
      }
    });
  }
}
