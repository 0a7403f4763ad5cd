// 附件 attachments of an appeal: stored in the database with the appeal (one transaction: a refused or
// oversized file leaves nothing behind), typed by content, downloaded by whoever may see the appeal.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AppealAttachmentView } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden, invalidField, notFound } from '../../core/errors.ts';
import { appealAttachments } from '../../db/schema/index.ts';
import { sniffAttachmentType, storedFileName } from './attachment-types.ts';
import { attachmentContent, findAppeal, insertEvent } from './repository.ts';

/** Reads the upload into memory, refusing it (413) as soon as it passes the limit (donations' evidence too). */
export async function readLimited(file: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      file.resume();
      throw new AppError('PAYLOAD_TOO_LARGE');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

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
  upload: { file: Readable & { truncated?: boolean }; fileName: string },
  audit: AuditContext,
): Promise<AppealAttachmentView> {
  const appeal = await findAppeal(ctx.database.db, actor, appealId);
  if (!appeal) {
    upload.file.resume();
    throw notFound();
  }
  if (!mayAttach(actor)) {
    upload.file.resume();
    throw forbidden();
  }
  const content = await readLimited(upload.file, ctx.config.attachmentMaxBytes);
  if (upload.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  if (content.length === 0) throw invalidField('file', 'EMPTY_FILE', '上传的文件是空的');
  const type = sniffAttachmentType(content, upload.fileName);
  if (!type) {
    throw invalidField(
      'file',
      'UNSUPPORTED_FILE_TYPE',
      '只能上传 PDF、图片（PNG/JPEG/GIF/WebP）或 Office 文档（Word/Excel/PowerPoint）；文件类型按内容判断，改扩展名无效',
    );
  }
  const fileName = storedFileName(upload.fileName, type);
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const eventId = await insertEvent(tx, {
      appealId,
      occurredAt: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'attach',
      note: fileName,
      detail: { mediaType: type.mediaType, sizeBytes: content.length },
    });
    const [row] = await tx
      .insert(appealAttachments)
      .values({
        appealId,
        eventId,
        fileName,
        mediaType: type.mediaType,
        sizeBytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
        uploadedBy: actor.userId,
        uploadedAt: now,
      })
      .returning({ id: appealAttachments.id });
    await ctx.audit.record(tx, audit, {
      action: 'appeal.attachment_added',
      objectType: 'appeal',
      objectId: appealId,
      detail: { attachmentId: row!.id, fileName, mediaType: type.mediaType, sizeBytes: content.length },
    });
    return {
      id: row!.id,
      fileName,
      mediaType: type.mediaType,
      sizeBytes: content.length,
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
