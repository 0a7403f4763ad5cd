// A list's query kept in the URL's search parameters, so a reload, back and forward or a shared link show
// the same list: reading parameters safely (a hand-edited URL must not break the page), writing them
// without defaults, and the filter form that follows the URL.
import { Form, type FormInstance } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import type { Paging } from './PagedTable.tsx';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A parameter kept only when it has the shape the server accepts. */
export function matching(pattern: RegExp, value: string | null): string | undefined {
  return value !== null && pattern.test(value) ? value : undefined;
}

/** URL parameters from values: empty ones left out, so a default list has a clean URL. */
export function cleanParams(
  values: Record<string, string | number | boolean | undefined>,
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params[key] = String(value);
  }
  return params;
}

/** The page and page size in the URL (at most 200 rows, the server's largest page). */
export function pagingFrom(params: URLSearchParams, defaultPageSize: number): Paging {
  return {
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(positiveInt(params.get('pageSize'), defaultPageSize), 200),
  };
}

/** The page and page size as URL values, left out when they are the defaults. */
export function pagingParams(paging: Paging, defaultPageSize: number) {
  return {
    page: paging.page !== 1 ? paging.page : undefined,
    pageSize: paging.pageSize !== defaultPageSize ? paging.pageSize : undefined,
  };
}

export interface ListQueryOptions<Query extends Paging, Values> {
  parse: (params: URLSearchParams) => Query;
  /** The URL parameters of a query; `current` holds what the query does not (a view, a month). */
  toParams: (query: Query, current: URLSearchParams) => Record<string, string>;
  /** What the filter form shows for a query, every field named so that a cleared filter clears its field. */
  formValues: (query: Query) => Values;
  /** The filters a submitted form asks for; the list starts again at its first page, same page size. */
  fromForm: (values: Values, query: Query) => Omit<Query, keyof Paging>;
}

export interface ListQuery<Query extends Paging, Values> {
  query: Query;
  setQuery: (next: Query) => void;
  form: FormInstance<Values>;
  /** The form's values when the page opened: those of the URL. */
  initialValues: Values;
  search: (values: Values) => void;
  /** Clears the filters, the form's fields too (they may hold what was typed but not searched). */
  reset: () => void;
  searchParams: URLSearchParams;
  setSearchParams: ReturnType<typeof useSearchParams>[1];
}

export function useListQuery<Query extends Paging, Values extends object>({
  parse,
  toParams,
  formValues,
  fromForm,
}: ListQueryOptions<Query, Values>): ListQuery<Query, Values> {
  const [searchParams, setUrlParams] = useSearchParams();
  // A new filter keeps the history entry's state: a list opened from a figure still links back to it.
  const { state } = useLocation();
  const setSearchParams: typeof setUrlParams = (params, options) =>
    setUrlParams(params, { ...options, state: options?.state ?? state });
  const query = parse(searchParams);
  const [form] = Form.useForm<Values>();
  const shown = formValues(query);
  const [initialValues] = useState(shown);

  // Back and forward change the URL, not the form: keep the form showing what the list is filtered by.
  // Keyed by the values' JSON (a new object every render, the same filters), the effect sets the values of
  // its own render: with an effect event instead, a page's first visit could put back a search just cleared.
  const shownKey = JSON.stringify(shown);
  useEffect(
    () => form.setFieldsValue(shown),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shownKey stands for shown
    [form, shownKey],
  );

  const setQuery = (next: Query) => setSearchParams(toParams(next, searchParams));
  return {
    query,
    setQuery,
    form,
    initialValues,
    // A query is its filters plus its paging; TypeScript cannot see that of a generic Omit.
    search: (values) => setQuery({ ...fromForm(values, query), page: 1, pageSize: query.pageSize } as Query),
    reset: () => {
      const empty = parse(new URLSearchParams());
      form.setFieldsValue(formValues(empty));
      setSearchParams(toParams(empty, searchParams));
    },
    searchParams,
    setSearchParams,
  };
}
