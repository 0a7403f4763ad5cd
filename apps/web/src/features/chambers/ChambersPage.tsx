// 商会组织 chambers and associations in the caller's scope: searched by name, filtered by type, with their
// member counts and presidents; each opens its page.
import { SearchOutlined } from '@ant-design/icons';
import { Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CHAMBER_TYPES, type ChamberListItem, type ChamberType } from '@qinqing/shared';
import {
  cleanParams,
  oneOf,
  pagingFrom,
  pagingParams,
  useListQuery,
  type ListQueryOptions,
} from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
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

type FilterValues = Pick<ChamberQuery, 'q' | 'type'>;

const listQuery: ListQueryOptions<ChamberQuery, FilterValues> = {
  parse: (params) => ({
    q: params.get('q')?.trim() || undefined,
    type: oneOf<ChamberType>(CHAMBER_TYPES, params.get('type')),
    ...pagingFrom(params, PAGE_SIZE),
  }),
  toParams: (query) => cleanParams({ ...query, ...pagingParams(query, PAGE_SIZE) }),
  formValues: (query) => ({ q: query.q, type: query.type }),
  fromForm: (values) => ({ ...values, q: values.q?.trim() || undefined }),
};

export function ChambersPage() {
  const { t } = useTranslation();
  const list = useListQuery(listQuery);
  const chambers = useChambers(list.query);

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
    <ListPage
      list={list}
      title={t('chambers.title')}
      filters={
        <>
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
        </>
      }
      table={{ result: chambers, columns, testId: 'chambers-table' }}
    />
  );
}
