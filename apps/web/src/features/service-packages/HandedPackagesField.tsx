// 走访送达服务包: on a done visit, the published packages handed over (each becomes a holding dated the
// visit's day). Shown only to those who hand packages out.
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../app/session.tsx';
import { usePackages } from './api.ts';

function PackageOptions({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const packages = usePackages({ state: 'published', page: 1, pageSize: 100 });
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      allowClear
      value={value}
      onChange={onChange}
      loading={packages.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(packages.data?.items ?? []).map((pkg) => ({ value: pkg.id, label: pkg.name }))}
      data-testid="visit-service-packages"
    />
  );
}

export function HandedPackagesField() {
  const { t } = useTranslation();
  const { can } = useSession();
  if (!can('packages.handOut')) return null;
  return (
    <Form.Item name="servicePackageIds" label={t('servicePackages.visitField')}>
      <PackageOptions />
    </Form.Item>
  );
}
