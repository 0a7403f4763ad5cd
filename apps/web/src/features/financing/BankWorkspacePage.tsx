// 银行工作台 a bank account manager's workspace: the needs sent to the bank (the board, which the server scopes
// to the bank and to consent that stands) and the bank's own products, with the form to add one.
import { Button, Card, Form, Input, InputNumber, Select, Table, Tabs } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PRODUCT_KIND_LABELS,
  PRODUCT_KINDS,
  type CreateProductRequest,
  type ProductView,
} from '@qinqing/shared';
import { FormModal } from '../../components/FormModal.tsx';
import { yuan } from '../donations/format.ts';
import { createProduct, financingQueryKey, useBanks, useProducts } from './api.ts';
import { FinancingPage } from './FinancingPage.tsx';

export function BankWorkspacePage() {
  const { t } = useTranslation();
  return (
    <Tabs
      items={[
        { key: 'inbox', label: t('financing.tabs.inbox'), children: <FinancingPage /> },
        { key: 'products', label: t('financing.tabs.products'), children: <Products /> },
      ]}
    />
  );
}

function Products() {
  const { t } = useTranslation();
  const bank = useBanks().data?.[0];
  const products = useProducts(bank?.id);
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title={`${bank?.name ?? ''} · ${t('financing.products.title')}`}
      extra={
        <Button type="primary" onClick={() => setAdding(true)} disabled={!bank}>
          {t('financing.products.add')}
        </Button>
      }
    >
      <Table<ProductView>
        rowKey="id"
        size="small"
        loading={products.isFetching}
        dataSource={products.data ?? []}
        pagination={false}
        data-testid="bank-products"
        columns={[
          { title: t('financing.products.name'), dataIndex: 'name' },
          {
            title: t('financing.products.kind'),
            dataIndex: 'kind',
            render: (kind: ProductView['kind']) => PRODUCT_KIND_LABELS[kind],
          },
          {
            title: t('financing.products.rate'),
            key: 'rate',
            render: (_, product) => `${product.rateMin}–${product.rateMax}`,
          },
          {
            title: t('financing.products.term'),
            key: 'term',
            render: (_, product) => `${product.termMinMonths}–${product.termMaxMonths}`,
          },
          {
            title: t('financing.products.amount'),
            key: 'amount',
            render: (_, product) => `${yuan(product.amountMin)} – ${yuan(product.amountMax)}`,
          },
          { title: t('financing.products.eligibility'), dataIndex: 'eligibility' },
        ]}
      />
      {adding && bank ? <ProductModal bankId={bank.id} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

function ProductModal({ bankId, onClose }: { bankId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateProductRequest>();
  const queryClient = useQueryClient();
  return (
    <FormModal<CreateProductRequest>
      title={t('financing.products.add')}
      form={form}
      initialValues={{ kind: 'credit' }}
      onClose={onClose}
      onSubmit={async (values) => {
        await createProduct(bankId, values);
        await queryClient.invalidateQueries({ queryKey: financingQueryKey });
      }}
    >
      <Form.Item name="name" label={t('financing.products.name')} rules={[{ required: true }]}>
        <Input />
      </Form.Item>
      <Form.Item name="kind" label={t('financing.products.kind')} rules={[{ required: true }]}>
        <Select options={PRODUCT_KINDS.map((kind) => ({ value: kind, label: PRODUCT_KIND_LABELS[kind] }))} />
      </Form.Item>
      {(['rateMin', 'rateMax', 'amountMin', 'amountMax'] as const).map((field) => (
        <Form.Item
          key={field}
          name={field}
          label={t(`financing.products.${field}`)}
          rules={[{ required: true }]}
        >
          <Input inputMode="decimal" />
        </Form.Item>
      ))}
      {(['termMinMonths', 'termMaxMonths'] as const).map((field) => (
        <Form.Item
          key={field}
          name={field}
          label={t(field === 'termMinMonths' ? 'financing.products.termMin' : 'financing.products.termMax')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={600} precision={0} />
        </Form.Item>
      ))}
      <Form.Item name="eligibility" label={t('financing.products.eligibility')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
