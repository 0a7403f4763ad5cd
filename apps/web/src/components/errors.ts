// Showing API errors: field-level messages go next to the form field whose name matches the detail's
// path; what no field can show is returned so the caller puts it in an alert or a toast.
import type { FormInstance } from 'antd';
import { isApiError } from '../api/client.ts';
import { i18n } from '../i18n/index.ts';

export function errorText(error: unknown): string {
  if (isApiError(error)) return error.message;
  return i18n.t('common.unknownError');
}

/** The server may prefix paths with where the value came from (`body.username`); forms know `username`. */
function fieldPath(path: string): string {
  return path.replace(/^(body|querystring|params)\./, '');
}

/**
 * Puts the error's details on the form's fields. Returns the text still to show elsewhere: the error's
 * message plus any details that matched no field, or null when every detail landed on a field.
 */
export function applyFormErrors(form: FormInstance, error: unknown): string | null {
  if (!isApiError(error) || error.details.length === 0) return errorText(error);
  const registered = new Set(form.getFieldsError().map((field) => field.name.join('.')));
  const byField = new Map<string, string[]>();
  const unmatched: string[] = [];
  for (const detail of error.details) {
    const path = fieldPath(detail.path);
    if (registered.has(path)) byField.set(path, [...(byField.get(path) ?? []), detail.message]);
    else unmatched.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  // List fields are named with numbers (['contacts', 0, 'mobile']): the path's digits become indexes.
  form.setFields(
    [...byField].map(([path, errors]) => ({
      name: path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      errors,
    })),
  );
  if (unmatched.length > 0) return `${error.message}（${unmatched.join('；')}）`;
  return byField.size > 0 ? null : error.message;
}
