// The two routes every object with files has (an appeal's attachments, a policy's, a donation's evidence):
// a download with the file's own type and name, and a one-file multipart upload refused whole (413) when
// larger than the limit, parsed only after the access hook has let the request through.
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idParams, type RouteAccess } from '@qinqing/shared';
import type { AuditContext } from '../audit/audit-log.ts';
import type { Actor } from '../auth/sessions.ts';
import { AppError, invalidField } from '../errors.ts';
import { attachmentDisposition } from '../office/download.ts';
import { actorOf, auditContextOf } from './request-context.ts';

/** What a multipart request adds around its one file. */
export const MULTIPART_OVERHEAD = 64 * 1024;

export interface StoredFile {
  id: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
}

export interface FileUpload {
  file: Readable & { truncated?: boolean };
  fileName: string;
}

/** Answers a stored file; `prefix` names the download when its own name cannot be sent. */
export function sendAttachment(reply: FastifyReply, prefix: string, attachment: StoredFile) {
  return reply
    .header('content-type', attachment.mediaType)
    .header('content-disposition', attachmentDisposition(`${prefix}-${attachment.id}`, attachment.fileName))
    .send(attachment.content);
}

export interface UploadRoute {
  /** `/api/<objects>/:id/attachments`. */
  url: `/api/${string}/:id/attachments`;
  access: RouteAccess;
  tags: string[];
  summary: string;
  maxBytes: number;
  /** The 201 answer's schema: `{ attachment }`. */
  response: z.ZodType;
  store(actor: Actor, id: string, upload: FileUpload, audit: AuditContext): Promise<unknown>;
}

/** Registers `POST url` (multipart, one field `file`) answering 201 `{ attachment }`. */
export async function attachmentUploadRoute(app: FastifyInstance, route: UploadRoute): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: route.maxBytes,
        files: 1,
        fields: 5,
        fieldSize: 1024,
        parts: 10,
        headerPairs: 50,
      },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      route.url,
      {
        config: { access: route.access },
        bodyLimit: route.maxBytes + MULTIPART_OVERHEAD,
        schema: {
          tags: route.tags,
          summary: route.summary,
          description: 'multipart/form-data，一个文件字段 file。超过大小上限返回 413，不保存任何内容。',
          params: idParams,
          response: { 201: route.response },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw invalidField('file', 'FILE_REQUIRED', '请以 multipart/form-data 上传一个文件（字段名 file）');
        const declared = Number(request.headers['content-length']);
        if (declared > route.maxBytes + MULTIPART_OVERHEAD) throw new AppError('PAYLOAD_TOO_LARGE');
        const data = await request.file();
        if (!data) throw invalidField('file', 'FILE_REQUIRED', '请选择要上传的文件');
        const attachment = await route.store(
          actorOf(request),
          request.params.id,
          { file: data.file, fileName: data.filename },
          auditContextOf(request),
        );
        return reply.code(201).send({ attachment });
      },
    );
  });
}
