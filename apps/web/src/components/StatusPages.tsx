// 403 and 404: shown inside the layout at the URL that was asked for (no redirect).
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

function StatusPage({
  testId,
  status,
  title,
  subTitle,
}: {
  testId: string;
  status: '403' | '404';
  title: string;
  subTitle: string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId} className="status-page">
      <Result
        status={status}
        title={title}
        subTitle={subTitle}
        extra={
          <Link to="/">
            <Button type="primary">{t('errors.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <StatusPage
      testId="page-forbidden"
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbidden')}
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <StatusPage
      testId="page-not-found"
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFound')}
    />
  );
}
