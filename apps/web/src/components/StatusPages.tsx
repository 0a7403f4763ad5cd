// 403 and 404: shown inside the layout at the URL that was asked for (no redirect).
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="page-forbidden" className="status-page">
      <Result
        status="403"
        title={t('errors.forbiddenTitle')}
        subTitle={t('errors.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('errors.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="page-not-found" className="status-page">
      <Result
        status="404"
        title={t('errors.notFoundTitle')}
        subTitle={t('errors.notFound')}
        extra={
          <Link to="/">
            <Button type="primary">{t('errors.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}
