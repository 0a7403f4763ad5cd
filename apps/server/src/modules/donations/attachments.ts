// 捐赠凭证 a donation's evidence: the bank slip, the foundation's receipt, a photo of the goods handed over.
// Added by whoever may record donations and sees the donation (staff, the chamber secretary, the donor's
// own contact) until it is voided; typed by content as an appeal's attachments are (PDF, images, Office),
// stored with the donation in one transaction with its audit record; read by whoever sees the donation.
import type { DonationAttachmentView } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden, notFound } from '../../core/errors.ts';
import { readUploadedFile, refuseUpload, type Upload } from '../../core/files/uploaded-file.ts';
import { donationAttachmentContent, findDonation, insertDonationAttachment } from './repository.ts';
import { mayAttachEvidence } from './service.ts';

const voided = () =>
  new AppError('CONFLICT', [
    { path: 'file', code: 'DONATION_VOIDED', message: '已作废的捐赠不能再上传凭证' },
  ]);

export async function addDonationEvidence(
  ctx: AppContext,
  actor: Actor,
  donationId: string,
  upload: Upload,
  audit: AuditContext,
): Promise<DonationAttachmentView> {
  const donation = await findDonation(ctx.database.db, actor, donationId);
  const refusal = !donation
    ? notFound()
    : !actor.permissions.has('donations.record')
      ? forbidden()
      : donation.state === 'voided'
        ? voided()
        : null;
  if (refusal) refuseUpload(upload, refusal);
  const file = await readUploadedFile(upload, {
    maxBytes: ctx.config.attachmentMaxBytes,
    refusedTypeMessage:
      '凭证只能是 PDF、图片（PNG/JPEG/GIF/WebP）或 Office 文档（Word/Excel/PowerPoint）；文件类型按内容判断，改扩展名无效',
  });
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    // The donation locked and looked at again: a void that came in meanwhile refuses the file.
    const locked = await findDonation(tx, actor, donationId, { forUpdate: true });
    if (!locked) throw notFound();
    if (!mayAttachEvidence(actor, locked.state)) throw voided();
    const id = await insertDonationAttachment(tx, {
      donationId,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      content: file.content,
      uploadedBy: actor.userId,
      uploadedAt: now,
    });
    await ctx.audit.record(tx, audit, {
      action: 'donation.attachment_added',
      objectType: 'donation',
      objectId: donationId,
      detail: {
        attachmentId: id,
        donorName: locked.donorName,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sizeBytes: file.sizeBytes,
      },
    });
    return {
      id,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      uploadedAt: now.toISOString(),
      uploadedByName: actor.displayName,
    };
  });
}

export async function readDonationEvidence(
  ctx: AppContext,
  actor: Actor,
  donationId: string,
  attachmentId: string,
) {
  const donation = await findDonation(ctx.database.db, actor, donationId);
  if (!donation) throw notFound();
  const attachment = await donationAttachmentContent(ctx.database.db, donationId, attachmentId);
  if (!attachment) throw notFound();
  return attachment;
}
