// 编制服务包 writing a service package: its name, a description and its items in order — each a published
// policy of the library (found by typing part of its title) or a service in words.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageItemInput, PackageView, PolicySummary } from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { useDebounced } from '../search/useDebounced.ts';
import { createPackage, packagesQueryKey, updatePackage } from './api.ts';

interface ItemRow {
  kind: 'policy' | 'service';
  policyId?: string;
  service?: string;
}

interface PackageFormValues {
  name: string;
  description?: string;
  items: ItemRow[];
}

function itemOf(row: ItemRow): PackageItemInput {
  return row.kind === 'policy' ? { policyId: row.policyId ?? '' } : { service: row.service?.trim() ?? '' };
}

/** One published policy, chosen by typing part of its title (the item's current one is kept in view). */
function PolicyPicker({
  value,
  onChange,
  known,
  id,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  known: Map<string, string>;
  id?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['policies', 'package-picker', q],
    queryFn: () =>
      api.get<Page<PolicySummary>>('/policies', {
        query: { state: 'published', pageSize: 20, page: 1, ...(q ? { q } : {}) },
      }),
  });
  const found = (data?.items ?? []).map((policy) => ({ value: policy.id, label: policy.title }));
  const current =
    value && !found.some((o) => o.value === value) ? [{ value, label: known.get(value) ?? value }] : [];
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={isFetching}
      placeholder={t('servicePackages.form.policyPlaceholder')}
      options={[...current, ...found]}
      style={{ width: 420 }}
      data-testid="package-item-policy"
    />
  );
}

export function ServicePackageFormDrawer({
  servicePackage,
  onClose,
  onSaved,
}: {
  /** Absent: a new draft. */
  servicePackage?: PackageView;
  onClose: () => void;
  onSaved?: (saved: PackageView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PackageFormValues>();
  const known = new Map(
    (servicePackage?.items ?? []).flatMap((item) =>
      item.policy ? [[item.policy.id, item.policy.title]] : [],
    ) as [string, string][],
  );

  const save = async (values: PackageFormValues) => {
    const body = {
      name: values.name.trim(),
      description: values.description?.trim() || null,
      items: (values.items ?? []).map(itemOf),
    };
    const saved = servicePackage
      ? await updatePackage(servicePackage.id, { ...body, version: servicePackage.version })
      : await createPackage(body);
    await queryClient.invalidateQueries({ queryKey: packagesQueryKey });
    void message.success(
      servicePackage ? t('servicePackages.form.updated') : t('servicePackages.form.created'),
    );
    onSaved?.(saved);
    onClose();
  };

  return (
    <FormDrawer<PackageFormValues>
      size={720}
      title={servicePackage ? t('servicePackages.form.editTitle') : t('servicePackages.form.createTitle')}
      form={form}
      initialValues={
        servicePackage
          ? {
              name: servicePackage.name,
              description: servicePackage.description ?? undefined,
              items: servicePackage.items.map((item) =>
                item.policy
                  ? { kind: 'policy', policyId: item.policy.id }
                  : { kind: 'service', service: item.service ?? '' },
              ),
            }
          : { items: [{ kind: 'service', service: '' }] }
      }
      onSubmit={save}
      onClose={onClose}
      testId="package-form"
      saveTestId="package-save"
    >
      <Form.Item
        name="name"
        label={t('servicePackages.fields.name')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('servicePackages.fields.name') }),
          },
        ]}
      >
        <Input maxLength={100} data-testid="package-name" />
      </Form.Item>
      <Form.Item name="description" label={t('servicePackages.fields.description')}>
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item label={t('servicePackages.fields.items')}>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" data-testid={`package-item-${index}`}>
                  <Form.Item name={[field.name, 'kind']} noStyle>
                    <Select
                      style={{ width: 110 }}
                      options={(['policy', 'service'] as const).map((value) => ({
                        value,
                        label: t(`servicePackages.itemKinds.${value}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['items', field.name, 'kind']) === 'policy' ? (
                        <Form.Item name={[field.name, 'policyId']} rules={[{ required: true }]} noStyle>
                          <PolicyPicker known={known} />
                        </Form.Item>
                      ) : (
                        <Form.Item
                          name={[field.name, 'service']}
                          rules={[{ required: true, whitespace: true }]}
                          noStyle
                        >
                          <Input maxLength={200} style={{ width: 420 }} data-testid="package-item-service" />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('common.delete')}
                  />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'service', service: '' })}
                data-testid="package-add-item"
              >
                {t('servicePackages.form.addItem')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
    </FormDrawer>
  );
}
