// 附件 the files kept with a policy (the document itself, application forms): PDF and Office only, typed by
// their content as appeal attachments are (core/files), stored in the database
// in one transaction with their audit record. Who may edit the policy adds and removes them; whoever may read
// it downloads them — staff along the tree, and an enterprise contact when the policy reaches their enterprise.
import type { PolicyAttachmentView } from '@qinqing/shared';
import { policyEditScope, policyReadScope } from '../../core/access/policy-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { readUploadedFile, refuseUpload, type Upload } from '../../core/files/uploaded-file.ts';
import {
  deletePolicyAttachment,
  insertPolicyAttachment,
  policyAttachmentContent,
} from './attachments-repository.ts';
import { findPolicy } from './repository.ts';
import { ownPolicy } from './service.ts';

/** The policy the actor may edit: 404 when they cannot read it, 403 when they read but may not edit. */
async function editablePolicy(ctx: AppContext, actor: Actor, policyId: string) {
  const { db } = ctx.database;
  const row = await findPolicy(db, policyEditScope(actor), policyId);
  if (row) return row;
  if (await findPolicy(db, policyReadScope(actor), policyId)) throw forbidden();
  throw notFound();
}

export async function addPolicyAttachment(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  upload: Upload,
  audit: AuditContext,
): Promise<PolicyAttachmentView> {
  await editablePolicy(ctx, actor, policyId).catch((error: unknown) => refuseUpload(upload, error));
  const file = await readUploadedFile(upload, {
    maxBytes: ctx.config.attachmentMaxBytes,
    refusedTypeMessage:
      '政策附件只能是 PDF 或 Office 文档（Word/Excel/PowerPoint）；文件类型按内容判断，改扩展名无效',
    // A policy's files are documents: PDF and Office, never images or anything else.
    accepts: (type) => !type.mediaType.startsWith('image/'),
  });
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const id = await insertPolicyAttachment(tx, {
      policyId,
      fileName: file.fileName,
      mediaType: file.mediaType,
      content: file.content,
      sha256: file.sha256,
      uploadedBy: actor.userId,
      now,
    });
    await ctx.audit.record(tx, audit, {
      action: 'policy.attachment_added',
      objectType: 'policy',
      objectId: policyId,
      detail: {
        attachmentId: id,
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
    };
  });
}

export async function removePolicyAttachment(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  attachmentId: string,
  audit: AuditContext,
): Promise<void> {
  await editablePolicy(ctx, actor, policyId);
  await ctx.database.db.transaction(async (tx) => {
    const removed = await deletePolicyAttachment(tx, policyId, attachmentId);
    if (!removed) throw notFound();
    await ctx.audit.record(tx, audit, {
      action: 'policy.attachment_removed',
      objectType: 'policy',
      objectId: policyId,
      detail: { attachmentId, fileName: removed.fileName, sha256: removed.sha256 },
    });
  });
}

/** A download on the staff side: the policy must be one the actor reads. */
export async function readPolicyAttachment(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  attachmentId: string,
) {
  if (!(await findPolicy(ctx.database.db, policyReadScope(actor), policyId))) throw notFound();
  const attachment = await policyAttachmentContent(ctx.database.db, policyId, attachmentId);
  if (!attachment) throw notFound();
  return attachment;
}

/** A download by an enterprise contact: the policy must reach their enterprise (fit it or pushed to it). */
export async function readOwnPolicyAttachment(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  attachmentId: string,
) {
  await ownPolicy(ctx, actor, policyId);
  const attachment = await policyAttachmentContent(ctx.database.db, policyId, attachmentId);
  if (!attachment) throw notFound();
  return attachment;
}
