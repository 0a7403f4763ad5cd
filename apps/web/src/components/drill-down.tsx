// Drill-downs: a figure opens the list behind it, and the list says where it came from. The source page
// (the dashboard, the home page) passes its own address and name in the history entry's state, so the
// list shows a link back to it — to the same period and unit — while its filters stay in the URL. The
// state survives a reload of the tab; a shared link has no source, and no back link.
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

export interface DrillSource {
  /** The source page's path and query (its period, its unit). */
  path: string;
  /** What the back link calls it: 工作看板, 首页. */
  label: string;
}

interface DrillState {
  drillSource?: DrillSource;
}

function sourceOf(state: unknown): DrillSource | undefined {
  const source = (state as DrillState | null)?.drillSource;
  return source && typeof source.path === 'string' && source.path.startsWith('/') ? source : undefined;
}

/** The current page as a drill-down source, under `label`. */
export function useDrillSource(label: string): DrillSource {
  const location = useLocation();
  return { path: `${location.pathname}${location.search}`, label };
}

/** The history state of a page opened from `source`. */
export const drillState = (source: DrillSource): DrillState => ({ drillSource: source });

/** A link to the list behind a figure, remembering the page it leaves. */
export function DrillLink({ source, ...props }: ComponentProps<typeof Link> & { source: DrillSource }) {
  return <Link {...props} state={drillState(source)} />;
}

/** 返回工作看板: shown on a list opened from a figure, back to the same page, period and unit. */
export function BackToSource() {
  const { t } = useTranslation();
  const source = sourceOf(useLocation().state);
  if (!source) return null;
  return (
    <Link to={source.path} className="drill-back" data-testid="drill-back">
      <ArrowLeftOutlined /> {t('common.backTo', { page: source.label })}
    </Link>
  );
}
