// Dates and times as the pages show them (the locale follows the chosen language through dayjs).
import dayjs from 'dayjs';

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const time = dayjs(value);
  return time.isValid() ? time.format('YYYY-MM-DD HH:mm:ss') : value;
}

/** A term of office (任期) from its start and end dates; an open end shows as "…". */
export function formatTerm(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  return `${start ?? '…'} ~ ${end ?? '…'}`;
}
