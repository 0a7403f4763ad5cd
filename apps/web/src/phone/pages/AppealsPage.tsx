// 我的诉求 my appeals: the enterprise's appeals, newest first, each with its state in the one vocabulary.
import { useState } from 'react';
import type { AppealSummary } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { errorText, useResource } from '../hooks.ts';
import { dateTime, stateWord } from '../labels.ts';
import { linkProps } from '../router.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading, StateTag } from './parts.tsx';

export function AppealsPage() {
  const { t, lang } = useLang();
  const [pages, setPages] = useState(1);
  const first = useResource('appeals', () => phoneApi.appeals(1));
  const [more, setMore] = useState<AppealSummary[]>([]);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  if (first.error) return <LoadFailed error={first.error} onRetry={first.reload} />;
  if (!first.data) return <Loading />;
  const items = [...first.data.items, ...more];

  async function loadMore() {
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await phoneApi.appeals(pages + 1);
      setMore((previous) => [...previous, ...next.items]);
      setPages(pages + 1);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <div className="m-page">
      <div className="m-page-head">
        <h1 className="m-title">{t('myAppeals')}</h1>
        <a className="m-button m-button-primary m-button-small" {...linkProps('/appeals/new')}>
          {t('tabRaise')}
        </a>
      </div>
      {items.length === 0 && <p className="m-empty">{t('noAppeals')}</p>}
      <ul className="m-list" data-testid="phone-appeals">
        {items.map((appeal) => (
          <li key={appeal.id}>
            <a
              className="m-list-item"
              {...linkProps(`/appeals/${appeal.id}`)}
              data-testid="phone-appeal-item"
            >
              <div className="m-row">
                <strong className="m-grow m-clip">{appeal.title}</strong>
                <StateTag state={appeal.state} label={stateWord(appeal.state, lang)} />
              </div>
              <div className="m-muted m-small">
                {appeal.number} · {appeal.categoryName} ·{' '}
                {t('received', { date: dateTime(appeal.receivedAt, false) })}
              </div>
              {appeal.departments.length > 0 && (
                <div className="m-muted m-small m-clip">
                  {appeal.departments.map((department) => department.name).join('、')}
                </div>
              )}
            </a>
          </li>
        ))}
      </ul>
      {moreError !== null && <p className="m-error">{errorText(moreError, t)}</p>}
      {items.length < first.data.total && (
        <button type="button" className="m-button" disabled={loadingMore} onClick={() => void loadMore()}>
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}
