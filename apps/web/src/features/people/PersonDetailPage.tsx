// 人士详情 one person (代表人士): profile with the number masked (revealed on request, audited), the
// enterprises they hold positions in, their roles in the federation's leadership and in chambers.
import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ChamberLeaderRole, PersonView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { DetailGate, DetailHeader } from '../../components/DetailPage.tsx';
import { formatDateTime, formatTerm } from '../../components/format.ts';
import { MaskedMobile } from '../enterprises/ContactsTab.tsx';
import { unmaskPerson, usePerson } from './api.ts';
import { HolderHonours } from '../events/HolderHonours.tsx';
import { PersonFormDrawer } from './PersonFormDrawer.tsx';
import { DeputyTags, ServingTag } from './PersonTags.tsx';
import '../enterprises/registry.css';

export function PersonDetailPage() {
  const { id = '' } = useParams();
  return <DetailGate result={usePerson(id)}>{(person) => <PersonDetail person={person} />}</DetailGate>;
}

function PersonDetail({ person }: { person: PersonView }) {
  const { t } = useTranslation();
  // People are changed by federation staff in their subtree; the server refuses anyone else.
  const mayEdit = useSession().user.roles.includes('federation_staff');
  const [editing, setEditing] = useState(false);
  type Position = PersonView['positions'][number];
  type FederationRoleRow = PersonView['federationRoles'][number];
  type ChamberRoleRow = PersonView['chamberRoles'][number];

  const positionColumns: TableColumnsType<Position> = [
    {
      title: t('enterprises.columns.name'),
      dataIndex: 'enterpriseName',
      render: (name: string, row) => <Link to={`/enterprises/${row.enterpriseId}`}>{name}</Link>,
    },
    { title: t('people.columns.position'), dataIndex: 'position', width: 200 },
  ];
  const federationColumns: TableColumnsType<FederationRoleRow> = [
    { title: t('people.detail.federation'), dataIndex: 'orgUnitName' },
    {
      title: t('people.detail.role'),
      dataIndex: 'role',
      width: 120,
      render: (role: FederationRoleRow['role']) => t(`registry.federationRole.${role}`),
    },
    {
      title: t('people.detail.term'),
      key: 'term',
      width: 230,
      render: (_, row) => formatTerm(row.termStart, row.termEnd),
    },
    {
      title: t('people.detail.current'),
      dataIndex: 'current',
      width: 90,
      render: (current: boolean) => <ServingTag current={current} />,
    },
  ];
  const chamberColumns: TableColumnsType<ChamberRoleRow> = [
    {
      title: t('chambers.columns.name'),
      dataIndex: 'chamberName',
      render: (name: string, row) => <Link to={`/chambers/${row.chamberId}`}>{name}</Link>,
    },
    {
      title: t('people.detail.role'),
      dataIndex: 'role',
      width: 120,
      render: (role: string) => t(`registry.leaderRole.${role as ChamberLeaderRole}`, { defaultValue: role }),
    },
    {
      title: t('people.detail.term'),
      key: 'term',
      width: 230,
      render: (_, row) => formatTerm(row.termStart, row.termEnd),
    },
  ];

  return (
    <div data-testid="person-detail">
      <DetailHeader title={person.name}>
        {person.young ? <Tag color="green">{t('people.young')}</Tag> : null}
        <DeputyTags person={person} />
        {mayEdit ? (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="person-edit">
            {t('people.form.edit')}
          </Button>
        ) : null}
      </DetailHeader>
      {editing ? <PersonFormDrawer person={person} onClose={() => setEditing(false)} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card title={t('people.detail.profile')}>
            <Descriptions
              bordered
              size="middle"
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                {
                  key: 'gender',
                  label: t('people.columns.gender'),
                  children: person.gender ? t(`registry.gender.${person.gender}`) : '—',
                },
                {
                  key: 'birthYear',
                  label: t('people.detail.birthYear'),
                  children: person.birthYear
                    ? t('people.detail.birthYearValue', { year: person.birthYear, age: person.age ?? '—' })
                    : '—',
                },
                {
                  key: 'affiliation',
                  label: t('people.columns.affiliation'),
                  children: t(`registry.affiliation.${person.politicalAffiliation}`),
                },
                {
                  key: 'npc',
                  label: t('people.detail.npc'),
                  children: person.npcLevel ? t(`registry.npcLevel.${person.npcLevel}`) : '—',
                },
                {
                  key: 'cppcc',
                  label: t('people.detail.cppcc'),
                  children: person.cppccLevel ? t(`registry.cppccLevel.${person.cppccLevel}`) : '—',
                },
                {
                  key: 'mobile',
                  label: t('people.detail.mobile'),
                  children: (
                    <MaskedMobile
                      mobile={person.mobile}
                      masked={person.mobileMasked}
                      reveal={() => unmaskPerson(person.id)}
                      testIdPrefix="person"
                    />
                  ),
                },
                { key: 'email', label: t('people.detail.email'), children: person.email ?? '—' },
                { key: 'orgUnit', label: t('people.columns.orgUnit'), children: person.orgUnitName },
                {
                  key: 'updatedAt',
                  label: t('enterprises.fields.updatedAt'),
                  children: formatDateTime(person.updatedAt),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('people.detail.positions')}>
            <Table<Position>
              rowKey={(row) => `${row.enterpriseId}-${row.position}`}
              size="small"
              columns={positionColumns}
              dataSource={person.positions}
              pagination={false}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('people.detail.federationRoles')}>
            <Table<FederationRoleRow>
              rowKey="id"
              size="small"
              columns={federationColumns}
              dataSource={person.federationRoles}
              pagination={false}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('people.detail.chamberRoles')}>
            <Table<ChamberRoleRow>
              rowKey={(row) => `${row.chamberId}-${row.role}-${row.termStart ?? ''}`}
              size="small"
              columns={chamberColumns}
              dataSource={person.chamberRoles}
              pagination={false}
            />
          </Card>
        </Col>
      </Row>
      <HolderHonours holderId={person.id} />
    </div>
  );
}
