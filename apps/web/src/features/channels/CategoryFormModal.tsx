// Adding or changing an appeal category (融资, 社保…) at the caller's federation level: its names in both
// languages, order, whether it is offered, and the default deadlines a channel uses when it sets none for
// the category. Saving an inherited one overrides it for the caller's subtree.
import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppealCategoryView } from '@qinqing/shared';
import { FormModal } from '../../components/FormModal.tsx';
import { categoriesQueryKey, upsertCategory } from '../appeals/api.ts';

interface CategoryFormValues {
  code?: string;
  nameZh?: string;
  nameEn?: string;
  sort?: number | null;
  active?: boolean;
  respondDays?: number;
  resolveDays?: number;
}

export function CategoryFormModal({
  category,
  onClose,
}: {
  /** Absent: a new category. */
  category?: AppealCategoryView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CategoryFormValues>();
  return (
    <FormModal<CategoryFormValues>
      title={
        category
          ? t(category.own ? 'channels.category.edit' : 'channels.category.override', {
              name: category.nameZh,
            })
          : t('channels.category.create')
      }
      form={form}
      okTestId="category-save"
      initialValues={category ?? { active: true, respondDays: 2, resolveDays: 15, sort: 0 }}
      onSubmit={async (values) => {
        await upsertCategory({
          code: category?.code ?? values.code?.trim() ?? '',
          nameZh: values.nameZh?.trim() ?? '',
          nameEn: values.nameEn?.trim() ?? '',
          sort: values.sort ?? undefined,
          active: values.active,
          respondDays: values.respondDays ?? 0,
          resolveDays: values.resolveDays ?? 0,
          // An inherited category is overridden at the caller's level: a new definition, no version yet.
          ...(category?.own ? { version: category.version } : {}),
        });
        void message.success(t('common.saved'));
        await queryClient.invalidateQueries({ queryKey: categoriesQueryKey });
      }}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('channels.category.code')}
        extra={category ? undefined : t('channels.category.codeHint')}
        rules={[
          { required: true, message: t('common.required', { field: t('channels.category.code') }) },
          { pattern: /^[a-z][a-z0-9_]{1,31}$/, message: t('channels.category.codeHint') },
        ]}
      >
        <Input disabled={category !== undefined} maxLength={32} className="code-text" />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item
          name="nameZh"
          label={t('channels.category.nameZh')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('channels.category.nameZh') }),
            },
          ]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('channels.category.nameEn')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('channels.category.nameEn') }),
            },
          ]}
        >
          <Input maxLength={40} />
        </Form.Item>
      </Space>
      <Space size={16} wrap>
        <Form.Item name="respondDays" label={t('channels.category.respondDays')} rules={[{ required: true }]}>
          <InputNumber min={0} max={60} precision={0} className="number-input" />
        </Form.Item>
        <Form.Item name="resolveDays" label={t('channels.category.resolveDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={365} precision={0} className="number-input" />
        </Form.Item>
        <Form.Item name="sort" label={t('channels.category.sort')}>
          <InputNumber min={0} max={10000} precision={0} className="number-input" />
        </Form.Item>
      </Space>
      <Form.Item name="active" label={t('channels.fields.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
