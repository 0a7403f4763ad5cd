// 附件类型 what an uploaded file (an appeal's attachment, a policy's document, a donation's evidence) is, judged by
// its content, never by its name: PDF, images and Office documents are accepted; anything else (an .exe
// renamed .pdf, a script) is refused.

export interface SniffedType {
  mediaType: string;
  /** The extension that fits the content: the stored name is corrected to it. */
  extension: string;
}

const startsWith = (content: Buffer, bytes: readonly number[], offset = 0) =>
  content.length >= offset + bytes.length && bytes.every((byte, i) => content[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Office Open XML is a zip whose central directory names its parts; the parts tell the kind. */
function sniffOfficeOpenXml(content: Buffer): SniffedType | null {
  if (!content.includes('[Content_Types].xml')) return null;
  if (content.includes('word/document.xml'))
    return {
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      extension: 'docx',
    };
  if (content.includes('xl/workbook.xml'))
    return {
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    };
  if (content.includes('ppt/presentation.xml'))
    return {
      mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      extension: 'pptx',
    };
  return null;
}

/** Legacy Office (.doc, .xls, .ppt): an OLE2 compound file; the stream names tell which. */
function sniffLegacyOffice(content: Buffer, fileName: string): SniffedType {
  const utf16 = (text: string) => Buffer.from(text, 'utf16le');
  if (content.includes(utf16('WordDocument'))) return { mediaType: 'application/msword', extension: 'doc' };
  if (content.includes(utf16('Workbook')) || content.includes(utf16('Book')))
    return { mediaType: 'application/vnd.ms-excel', extension: 'xls' };
  if (content.includes(utf16('PowerPoint Document')))
    return { mediaType: 'application/vnd.ms-powerpoint', extension: 'ppt' };
  // An OLE2 file without a recognisable stream: keep the name's Office extension if it has one.
  const extension = /\.(doc|xls|ppt)$/i.exec(fileName)?.[1]?.toLowerCase() ?? 'doc';
  return { mediaType: 'application/x-ole-storage', extension };
}

export function sniffAttachmentType(content: Buffer, fileName: string): SniffedType | null {
  if (startsWith(content, ascii('%PDF-'))) return { mediaType: 'application/pdf', extension: 'pdf' };
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mediaType: 'image/png', extension: 'png' };
  if (startsWith(content, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', extension: 'jpg' };
  if (startsWith(content, ascii('GIF87a')) || startsWith(content, ascii('GIF89a')))
    return { mediaType: 'image/gif', extension: 'gif' };
  if (startsWith(content, ascii('RIFF')) && startsWith(content, ascii('WEBP'), 8))
    return { mediaType: 'image/webp', extension: 'webp' };
  if (startsWith(content, ZIP)) return sniffOfficeOpenXml(content);
  if (startsWith(content, OLE2)) return sniffLegacyOffice(content, fileName);
  return null;
}

/** The name to store: the user's name (without path or control characters) with the content's extension. */
export function storedFileName(fileName: string, type: SniffedType): string {
  // eslint-disable-next-line no-control-regex
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 150) || '附件';
  return `${stem}.${type.extension}`;
}
