// Queries of a policy's 附件 attachments (policy_attachments, migration 0049): listed without their content,
// one read with it for a download.
import type { PolicyAttachmentView } from '@qinqing/shared';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';

export async function listPolicyAttachments(db: DbOrTx, policyId: string): Promise<PolicyAttachmentView[]> {
  const { rows } = await db.execute<PolicyAttachmentView & Record<string, unknown>>(
    sql`SELECT id, file_name AS "fileName", media_type AS "mediaType", size_bytes AS "sizeBytes",
               to_json(uploaded_at) #>> '{}' AS "uploadedAt"
          FROM policy_attachments WHERE policy_id = ${policyId} ORDER BY uploaded_at, id`,
  );
  return rows;
}

export async function insertPolicyAttachment(
  db: DbOrTx,
  values: {
    policyId: string;
    fileName: string;
    mediaType: string;
    content: Buffer;
    sha256: string;
    uploadedBy: string;
    now: Date;
  },
): Promise<string> {
  const { rows } = await db.execute<{ id: string }>(
    sql`INSERT INTO policy_attachments (policy_id, file_name, media_type, size_bytes, sha256, content, uploaded_by,
          uploaded_at)
        VALUES (${values.policyId}, ${values.fileName}, ${values.mediaType}, ${values.content.length},
          ${values.sha256}, ${values.content}, ${values.uploadedBy}, ${values.now})
        RETURNING id`,
  );
  return rows[0]!.id;
}

export async function policyAttachmentContent(
  db: DbOrTx,
  policyId: string,
  attachmentId: string,
): Promise<{ id: string; fileName: string; mediaType: string; content: Buffer } | undefined> {
  const { rows } = await db.execute<{ id: string; fileName: string; mediaType: string; content: Buffer }>(
    sql`SELECT id, file_name AS "fileName", media_type AS "mediaType", content
          FROM policy_attachments WHERE id = ${attachmentId} AND policy_id = ${policyId}`,
  );
  return rows[0];
}

export async function deletePolicyAttachment(
  db: DbOrTx,
  policyId: string,
  attachmentId: string,
): Promise<{ fileName: string; sha256: string } | undefined> {
  const { rows } = await db.execute<{ fileName: string; sha256: string }>(
    sql`DELETE FROM policy_attachments WHERE id = ${attachmentId} AND policy_id = ${policyId}
        RETURNING file_name AS "fileName", sha256`,
  );
  return rows[0];
}
