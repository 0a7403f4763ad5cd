// An uploaded file read for keeping in the database: whole into memory, refused (413) as soon as it passes
// the limit, refused when empty or of a type its domain does not take (judged by content), named with the
// extension that fits its content, and hashed. The same step for an appeal's attachments, a policy's
// documents and a donation's evidence; each domain then stores it with its own audit record.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError, invalidField } from '../errors.ts';
import { sniffAttachmentType, storedFileName, type SniffedType } from './attachment-types.ts';

export interface Upload {
  file: Readable & { truncated?: boolean };
  fileName: string;
}

export interface UploadedFile {
  content: Buffer;
  /** The stored name: the uploaded one with the extension that fits the content. */
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export interface UploadRules {
  maxBytes: number;
  /** The Chinese message for a file of a type the domain does not take: what it does take. */
  refusedTypeMessage: string;
  /** Narrows the accepted types (e.g. documents only); by default every type the sniffer knows. */
  accepts?: (type: SniffedType) => boolean;
}

/** Reads the upload into memory, refusing it (413) as soon as it passes the limit. */
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

export async function readUploadedFile(upload: Upload, rules: UploadRules): Promise<UploadedFile> {
  const content = await readLimited(upload.file, rules.maxBytes);
  if (upload.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  if (content.length === 0) throw invalidField('file', 'EMPTY_FILE', '上传的文件是空的');
  const type = sniffAttachmentType(content, upload.fileName);
  if (!type || (rules.accepts && !rules.accepts(type)))
    throw invalidField('file', 'UNSUPPORTED_FILE_TYPE', rules.refusedTypeMessage);
  return {
    content,
    fileName: storedFileName(upload.fileName, type),
    mediaType: type.mediaType,
    sizeBytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

/** Refuses an upload before reading it: the file is drained, so the answer is not held up by it. */
export function refuseUpload(upload: Upload, error: unknown): never {
  upload.file.resume();
  throw error;
}
