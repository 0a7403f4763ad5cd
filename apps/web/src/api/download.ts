// File downloads (ledgers, reports): fetched first, so that a refusal shows as a message rather than as a
// downloaded error page, then handed to the browser as a file under the server's (Chinese) name.
import { isErrorBody } from '@qinqing/shared';
import { currentLanguage, i18n } from '../i18n/index.ts';
import { ApiError } from './client.ts';

/** The Chinese name from `filename*=UTF-8''…`, else the plain one. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

async function errorOf(response: Response): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => undefined);
  if (isErrorBody(payload)) {
    const { code, message, details } = payload.error;
    return new ApiError(response.status, code, message, details ?? []);
  }
  return new ApiError(response.status, 'BAD_RESPONSE', i18n.t('common.unknownError'));
}

/** Downloads `/api<path>`; resolves with the file name once the browser has the file. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': currentLanguage() === 'en-US' ? 'en' : 'zh-CN' },
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('common.networkError'));
  }
  if (!response.ok) throw await errorOf(response);
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has started the download; the browser keeps its own copy of the data.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
