// The public pages' calls: plain fetch, no session, the server's Chinese message shown as it is.
export interface PublicError {
  code: string;
  message: string;
  fields: Record<string, string>;
}

export async function postPublic(
  path: string,
  body: unknown,
): Promise<{ ok: true; data: unknown } | { ok: false; error: PublicError }> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify(body),
    });
  } catch {
    return {
      ok: false,
      error: { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试', fields: {} },
    };
  }
  const payload = (await response.json().catch(() => undefined)) as
    { error?: { code: string; message: string; details?: { path: string; message: string }[] } } | undefined;
  if (response.ok) return { ok: true, data: payload };
  const error = payload?.error;
  const fields: Record<string, string> = {};
  for (const detail of error?.details ?? []) fields[detail.path] ??= detail.message;
  return {
    ok: false,
    error: { code: error?.code ?? 'BAD_RESPONSE', message: error?.message ?? '出错了，请稍后重试', fields },
  };
}

export async function getPublic<T>(
  path: string,
): Promise<{ ok: true; data: T } | { ok: false; error: PublicError }> {
  try {
    const response = await fetch(`/api${path}`, { headers: { 'accept-language': 'zh-CN' } });
    const payload = (await response.json().catch(() => undefined)) as { error?: PublicError } | T | undefined;
    if (response.ok) return { ok: true, data: payload as T };
    const error = (payload as { error?: PublicError } | undefined)?.error;
    return {
      ok: false,
      error: { code: error?.code ?? 'BAD_RESPONSE', message: error?.message ?? '出错了', fields: {} },
    };
  } catch {
    return {
      ok: false,
      error: { code: 'NETWORK_ERROR', message: '网络连接失败，请检查网络后重试', fields: {} },
    };
  }
}
