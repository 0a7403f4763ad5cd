// 附件 attachments of an appeal: stored in the database with the appeal (one transaction: a refused or
// oversized file leaves nothing behind), typed by content, downloaded by whoever may see the appeal.
import type { AppealAttachmentView } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { readUploadedFile, refuseUpload, type Upload } from '../../core/files/uploaded-file.ts';
import { appealAttachments } from '../../db/schema/index.ts';
import { attachmentContent, findAppeal, insertEvent } from './repository.ts';

/** Who takes part in the case may add files; a reader only (a leader) may not. */
function mayAttach(actor: Actor): boolean {
  return ['appeals.raise', 'appeals.triage', 'appeals.handle', 'appeals.rate'].some((p) =>
    actor.permissions.has(p as never),
  );
}

export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  appealId: string,
  upload: Upload,
  audit: AuditContext,
): Promise<AppealAttachmentView> {
  const appeal = await findAppeal(ctx.database.db, actor, appealId);
  if (!appeal) refuseUpload(upload, notFound());
  if (!mayAttach(actor)) refuseUpload(upload, forbidden());
  const file = await readUploadedFile(upload, {
    maxBytes: ctx.config.attachmentMaxBytes,
    refusedTypeMessage:
      '只能上传 PDF、图片（PNG/JPEG/GIF/WebP）或 Office 文档（Word/Excel/PowerPoint）；文件类型按内容判断，改扩展名无效',
  });
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const eventId = await insertEvent(tx, {
      appealId,
      occurredAt: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'attach',
      note: file.fileName,
      detail: { mediaType: file.mediaType, sizeBytes: file.sizeBytes },
    });
    const [row] = await tx
      .insert(appealAttachments)
      .values({
        appealId,
        eventId,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        content: file.content,
        uploadedBy: actor.userId,
        uploadedAt: now,
      })
      .returning({ id: appealAttachments.id });
    await ctx.audit.record(tx, audit, {
      action: 'appeal.attachment_added',
      objectType: 'appeal',
      objectId: appealId,
      detail: {
        attachmentId: row!.id,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sizeBytes: file.sizeBytes,
      },
    });
    return {
      id: row!.id,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      uploadedAt: now.toISOString(),
      uploadedByName: actor.displayName,
    };
  });
}

export async function readAttachment(ctx: AppContext, actor: Actor, appealId: string, attachmentId: string) {
  const appeal = await findAppeal(ctx.database.db, actor, appealId);
  if (!appeal) throw notFound();
  const attachment = await attachmentContent(ctx.database.db, appealId, attachmentId);
  if (!attachment) throw notFound();
  return attachment;
}
