// 代表人士 the entrepreneurs the federation works with: searched and filtered (affiliation, deputies, young
// entrepreneurs, leadership roles) with the filters kept in the URL; each opens its record.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  DEPUTY_FILTERS,
  FEDERATION_ROLES,
  GENDERS,
  POLITICAL_AFFILIATIONS,
  type FederationRole,
  type Gender,
  type PersonListItem,
  type PoliticalAffiliation,
} from '@qinqing/shared';
import {
  cleanParams,
  oneOf,
  pagingFrom,
  pagingParams,
  useListQuery,
  type ListQueryOptions,
} from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { useSession } from '../../app/session.tsx';
import { ImportLink } from '../imports/ImportLink.tsx';
import { PersonFormDrawer } from './PersonFormDrawer.tsx';
import { usePeople, type DeputyFilter, type PersonQuery } from './api.ts';
import { DeputyTags, FederationRoleTags } from './PersonTags.tsx';
import '../enterprises/registry.css';

const PAGE_SIZE = 20;

type FilterValues = Omit<PersonQuery, 'page' | 'pageSize' | 'young' | 'enterpriseId'> & {
  young?: 'true' | 'false';
};

const listQuery: ListQueryOptions<PersonQuery, FilterValues> = {
  parse: (params) => {
    const young = params.get('young');
    return {
      q: params.get('q')?.trim() || undefined,
      gender: oneOf<Gender>(GENDERS, params.get('gender')),
      affiliation: oneOf<PoliticalAffiliation>(POLITICAL_AFFILIATIONS, params.get('affiliation')),
      deputy: oneOf<DeputyFilter>(DEPUTY_FILTERS, params.get('deputy')),
      young: young === 'true' ? true : young === 'false' ? false : undefined,
      federationRole: oneOf<FederationRole>(FEDERATION_ROLES, params.get('federationRole')),
      ...pagingFrom(params, PAGE_SIZE),
    };
  },
  toParams: (query) => cleanParams({ ...query, enterpriseId: undefined, ...pagingParams(query, PAGE_SIZE) }),
  formValues: (query) => ({
    q: query.q,
    gender: query.gender,
    affiliation: query.affiliation,
    deputy: query.deputy,
    young: query.young === undefined ? undefined : query.young ? 'true' : 'false',
    federationRole: query.federationRole,
  }),
  fromForm: (values) => ({
    ...values,
    q: values.q?.trim() || undefined,
    young: values.young === undefined ? undefined : values.young === 'true',
  }),
};

/** 董事长 and 总经理 of the same enterprise on one line. */
function positionsByEnterprise(positions: PersonListItem['positions']) {
  const grouped = new Map<string, { enterpriseId: string; enterpriseName: string; titles: string[] }>();
  for (const { enterpriseId, enterpriseName, position } of positions) {
    const entry = grouped.get(enterpriseId) ?? { enterpriseId, enterpriseName, titles: [] };
    entry.titles.push(position);
    grouped.set(enterpriseId, entry);
  }
  return [...grouped.values()];
}

export function PeoplePage() {
  const { t } = useTranslation();
  const list = useListQuery(listQuery);
  const people = usePeople(list.query);
  const navigate = useNavigate();
  // People are registered by federation staff (a chamber secretary keeps only their chamber's roster).
  const mayRegister = useSession().user.roles.includes('federation_staff');
  const [registering, setRegistering] = useState(false);

  const columns: TableColumnsType<PersonListItem> = [
    {
      title: t('people.columns.name'),
      dataIndex: 'name',
      width: 120,
      fixed: 'left',
      render: (name: string, person) => (
        <Link to={`/people/${person.id}`} className="record-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('people.columns.gender'),
      dataIndex: 'gender',
      width: 70,
      render: (gender: Gender | null) => (gender ? t(`registry.gender.${gender}`) : '—'),
    },
    {
      title: t('people.columns.age'),
      dataIndex: 'age',
      width: 130,
      render: (age: number | null, person) =>
        age === null ? (
          '—'
        ) : (
          <Space size={4}>
            {age}
            {person.young ? <Tag color="green">{t('people.young')}</Tag> : null}
          </Space>
        ),
    },
    {
      title: t('people.columns.affiliation'),
      dataIndex: 'politicalAffiliation',
      width: 110,
      render: (value: PoliticalAffiliation) => t(`registry.affiliation.${value}`),
    },
    {
      title: t('people.columns.enterprises'),
      dataIndex: 'positions',
      render: (positions: PersonListItem['positions']) =>
        positions.length === 0 ? (
          '—'
        ) : (
          <div className="cell-lines">
            {positionsByEnterprise(positions).map(({ enterpriseId, enterpriseName, titles }) => (
              <div key={enterpriseId}>
                <Link to={`/enterprises/${enterpriseId}`}>{enterpriseName}</Link>
                <span className="muted"> · {titles.join('、')}</span>
              </div>
            ))}
          </div>
        ),
    },
    {
      title: t('people.columns.deputy'),
      key: 'deputy',
      width: 200,
      render: (_, person) => <DeputyTags person={person} />,
    },
    {
      title: t('people.columns.federationRoles'),
      dataIndex: 'federationRoles',
      width: 150,
      render: (roles: FederationRole[]) => <FederationRoleTags roles={roles} />,
    },
    { title: t('people.columns.orgUnit'), dataIndex: 'orgUnitName', width: 150, ellipsis: true },
  ];

  return (
    <>
      <ListPage
        list={list}
        title={t('people.title')}
        actions={
          mayRegister ? (
            <>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setRegistering(true)}
                data-testid="person-create"
              >
                {t('people.form.create')}
              </Button>
              <ImportLink kind="people" />
            </>
          ) : null
        }
        filters={
          <>
            <Form.Item name="q">
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('people.searchPlaceholder')}
                maxLength={100}
                style={{ width: 240 }}
                data-testid="people-search"
              />
            </Form.Item>
            <Form.Item name="affiliation">
              <Select
                allowClear
                placeholder={t('people.filters.affiliation')}
                style={{ width: 140 }}
                options={POLITICAL_AFFILIATIONS.map((value) => ({
                  value,
                  label: t(`registry.affiliation.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="deputy">
              <Select
                allowClear
                placeholder={t('people.filters.deputy')}
                style={{ width: 150 }}
                options={DEPUTY_FILTERS.map((value) => ({ value, label: t(`people.deputy.${value}`) }))}
              />
            </Form.Item>
            <Form.Item name="federationRole">
              <Select
                allowClear
                placeholder={t('people.filters.federationRole')}
                style={{ width: 150 }}
                options={FEDERATION_ROLES.map((value) => ({
                  value,
                  label: t(`registry.federationRole.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="young">
              <Select
                allowClear
                placeholder={t('people.filters.age')}
                style={{ width: 150 }}
                options={[
                  { value: 'true', label: t('people.ageFilter.young') },
                  { value: 'false', label: t('people.ageFilter.older') },
                ]}
              />
            </Form.Item>
            <Form.Item name="gender">
              <Select
                allowClear
                placeholder={t('people.filters.gender')}
                style={{ width: 100 }}
                options={GENDERS.map((value) => ({ value, label: t(`registry.gender.${value}`) }))}
              />
            </Form.Item>
          </>
        }
        table={{ result: people, columns, scroll: { x: 1150 }, testId: 'people-table' }}
      />
      {registering ? (
        <PersonFormDrawer
          onClose={() => setRegistering(false)}
          onSaved={(person) => void navigate(`/people/${person.id}`)}
        />
      ) : null}
    </>
  );
}
