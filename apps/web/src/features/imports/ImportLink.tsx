// The way into the import wizard from a registry page, with the kind of import chosen.
import { CloudUploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportKind } from './api.ts';

export function ImportLink({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  return (
    <Link to={`/enterprises/import?kind=${kind}`}>
      <Button icon={<CloudUploadOutlined />} data-testid={`import-link-${kind}`}>
        {t('imports.open')}
      </Button>
    </Link>
  );
}
