// 商会组织 chambers and associations in the caller's scope: searched by name, filtered by type, with their
// member counts and presidents; each opens its page.
import { SearchOutlined } from '@ant-design/icons';
import { Card, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CHAMBER_TYPES, type ChamberListItem, type ChamberType } from '@qinqing/shared';
import { FilterActions } from '../../components/FilterActions.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { cleanParams, oneOf, positiveInt } from '../enterprises/filters.ts';
import { useChambers, type ChamberQuery } from './api.ts';
import '../enterprises/registry.css';

const PAGE_SIZE = 20;

const TYPE_COLORS: Record<ChamberType, string> = {
  street: 'blue',
  industry: 'purple',
  out_of_town: 'cyan',
  association: 'magenta',
};

export function ChamberTypeTag({ type }: { type: ChamberType | null }) {
  const { t } = useTranslation();
  if (!type) return <span className="muted">{t('chambers.noProfile')}</span>;
  return <Tag color={TYPE_COLORS[type]}>{t(`registry.chamberType.${type}`)}</Tag>;
}

function queryFrom(params: URLSearchParams): ChamberQuery {
  return {
    q: params.get('q')?.trim() || undefined,
    type: oneOf<ChamberType>(CHAMBER_TYPES, params.get('type')),
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(positiveInt(params.get('pageSize'), PAGE_SIZE), 200),
  };
}

function paramsOf(query: ChamberQuery): Record<string, string> {
  return cleanParams({
    ...query,
    page: query.page !== 1 ? query.page : undefined,
    pageSize: query.pageSize !== PAGE_SIZE ? query.pageSize : undefined,
  });
}

type FilterValues = Pick<ChamberQuery, 'q' | 'type'>;

export function ChambersPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const query = queryFrom(searchParams);
  const chambers = useChambers(query);
  const [form] = Form.useForm<FilterValues>();

  useEffect(() => {
    form.setFieldsValue({ q: query.q, type: query.type });
  }, [form, query.q, query.type]);

  const columns: TableColumnsType<ChamberListItem> = [
    {
      title: t('chambers.columns.name'),
      dataIndex: 'name',
      render: (name: string, chamber) => (
        <Link to={`/chambers/${chamber.id}`} className="record-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('chambers.columns.type'),
      dataIndex: 'chamberType',
      width: 120,
      render: (type: ChamberType | null) => <ChamberTypeTag type={type} />,
    },
    {
      title: t('chambers.columns.parent'),
      dataIndex: 'parentName',
      width: 200,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('chambers.columns.president'),
      dataIndex: 'presidentName',
      width: 140,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('chambers.columns.memberCount'),
      dataIndex: 'memberCount',
      width: 110,
      align: 'right',
      render: (count: number, chamber) => <Link to={`/enterprises?chamberId=${chamber.id}`}>{count}</Link>,
    },
  ];

  return (
    <>
      <PageHeader title={t('chambers.title')} />
      <Card className="filter-card">
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="filter-form"
          onFinish={(values) =>
            setSearchParams(
              paramsOf({ ...values, q: values.q?.trim() || undefined, page: 1, pageSize: query.pageSize }),
            )
          }
        >
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('chambers.searchPlaceholder')}
              maxLength={100}
              style={{ width: 240 }}
            />
          </Form.Item>
          <Form.Item name="type">
            <Select
              allowClear
              placeholder={t('chambers.columns.type')}
              style={{ width: 150 }}
              options={CHAMBER_TYPES.map((value) => ({ value, label: t(`registry.chamberType.${value}`) }))}
            />
          </Form.Item>
          <FilterActions
            onReset={() => {
              form.setFieldsValue({ q: undefined, type: undefined });
              setSearchParams({});
            }}
            onRefresh={chambers.refetch}
          />
        </Form>
      </Card>
      <Card className="table-card">
        <PagedTable<ChamberListItem, ChamberQuery>
          result={chambers}
          query={query}
          setQuery={(next) => setSearchParams(paramsOf(next))}
          columns={columns}
          testId="chambers-table"
        />
      </Card>
    </>
  );
}
