// How registry codes look on the page: the colour of each membership status.
import type { MembershipStatus } from '@qinqing/shared';

export const STATUS_COLORS: Record<MembershipStatus, string> = {
  applying: 'processing',
  active: 'success',
  suspended: 'warning',
  withdrawn: 'default',
};

/** 12345678.5 万元 → "12,345,678.5" (the unit is in the label). */
export function formatCapital(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
}
