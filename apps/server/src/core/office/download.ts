// Spreadsheet downloads: the content type and a Content-Disposition that carries a Chinese file name.
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `fallback` (ASCII) for old clients, `name` (UTF-8, RFC 5987) for the rest. */
export function attachmentDisposition(fallback: string, name: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
