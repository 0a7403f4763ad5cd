// 快捷通道 direct channels to departments (政企直联) and the appeal categories: who receives at each
// department, the head overdue appeals are escalated to, the deadlines per category, the group-robot
// webhook. Configuring needs serviceLoop.configure; anyone who reads appeals may look. Categories are
// each federation's: inherited from above, overridden or added at one's own level.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tabs, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AppealCategoryView, ChannelView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { labelLang } from '../../i18n/index.ts';
import {
  categoriesQueryKey,
  inheritCategory,
  useAppealCategories,
  useAppealCategoryList,
} from '../appeals/api.ts';
import { useChannels } from './api.ts';
import { CategoryFormModal } from './CategoryFormModal.tsx';
import { ChannelFormModal } from './ChannelFormModal.tsx';
import '../enterprises/registry.css';

type Editing<T> = { record?: T } | null;

function ChannelsTab({ canConfigure }: { canConfigure: boolean }) {
  const { t, i18n } = useTranslation();
  const { data, error, isPending, refetch } = useChannels();
  const { data: categories } = useAppealCategories();
  const [editing, setEditing] = useState<Editing<ChannelView>>(null);
  const lang = labelLang(i18n.language);
  const categoryName = (code: string) => {
    const category = categories?.find((item) => item.code === code);
    return category ? (lang === 'en' ? category.nameEn : category.nameZh) : code;
  };
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;

  // A channel-wide deadline left empty falls back to the category's.
  const days = (respond: number | null, resolve: number | null) =>
    respond === null && resolve === null
      ? t('channels.categoryDefaults')
      : [
          respond === null ? t('channels.respondByCategory') : t('channels.respondIn', { days: respond }),
          resolve === null ? t('channels.resolveByCategory') : t('channels.resolveIn', { days: resolve }),
        ].join(' / ');

  const columns: TableColumnsType<ChannelView> = [
    {
      title: t('channels.fields.department'),
      dataIndex: ['department', 'name'],
      width: 170,
      render: (name: string, channel) => (
        <Space orientation="vertical" size={0}>
          <strong>{name}</strong>
          {channel.name !== name ? <span className="muted">{channel.name}</span> : null}
          {channel.fromAbove ? (
            <Tag color="purple" data-testid="channel-from-above">
              {t('channels.fromAbove', { unit: channel.orgUnitName })}
            </Tag>
          ) : channel.openToSubordinates ? (
            <Tag color="blue" data-testid="channel-opened">
              {t('channels.opened')}
            </Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('channels.fields.liaisons'),
      dataIndex: 'liaisons',
      render: (liaisons: ChannelView['liaisons']) =>
        liaisons.length > 0 ? (
          liaisons.map((liaison) => <Tag key={liaison.id}>{liaison.displayName}</Tag>)
        ) : (
          <span className="muted">{t('channels.noLiaison')}</span>
        ),
    },
    {
      title: t('channels.fields.head'),
      dataIndex: 'head',
      width: 120,
      render: (head: ChannelView['head']) => head?.displayName ?? '—',
    },
    {
      title: t('channels.fields.deadlines'),
      key: 'deadlines',
      width: 260,
      render: (_, channel) => (
        <Space orientation="vertical" size={2}>
          <span>{days(channel.respondDays, channel.resolveDays)}</span>
          {channel.deadlines.map((deadline) => (
            <span key={deadline.category} className="muted">
              {categoryName(deadline.category)}：
              {t('channels.days', { respond: deadline.respondDays, resolve: deadline.resolveDays })}
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: t('channels.fields.webhookUrl'),
      dataIndex: 'webhookSet',
      width: 110,
      // Write-only: its host, to those who may change the channel; never the URL with its key.
      render: (set: boolean, channel: ChannelView) =>
        set ? (
          <Tooltip title={channel.webhookHost ?? undefined}>
            <Tag color="green">{t('channels.webhookOn')}</Tag>
          </Tooltip>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: t('channels.fields.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) =>
        active ? <Tag color="success">{t('channels.active')}</Tag> : <Tag>{t('channels.inactive')}</Tag>,
    },
    ...(canConfigure
      ? [
          {
            key: 'edit',
            width: 80,
            // A channel opened from above stays its unit's to change.
            render: (_: unknown, channel: ChannelView) =>
              channel.fromAbove ? null : (
                <Button
                  type="link"
                  icon={<EditOutlined />}
                  onClick={() => setEditing({ record: channel })}
                  data-testid="channel-edit"
                >
                  {t('common.edit')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      {canConfigure ? (
        <div className="table-toolbar">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="channel-create"
          >
            {t('channels.create')}
          </Button>
        </div>
      ) : null}
      <Table<ChannelView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data ?? []}
        loading={isPending}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="channels-table"
      />
      {editing ? (
        <ChannelFormModal
          channel={editing.record}
          taken={(data ?? []).map((channel) => channel.department.id)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function CategoriesTab({ canConfigure: mayConfigure }: { canConfigure: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: list, error, isPending, refetch } = useAppealCategoryList();
  const [editing, setEditing] = useState<Editing<AppealCategoryView>>(null);
  if (error && !list) return <LoadError error={error} onRetry={() => void refetch()} />;
  const data = list?.items;
  // Defined only at one's own federation level, by those holding the permission there.
  const canConfigure = mayConfigure && list?.editable === true;
  const inherit = async (category: AppealCategoryView) => {
    await inheritCategory(category.code);
    void message.success(t('channels.category.inherited'));
    await queryClient.invalidateQueries({ queryKey: categoriesQueryKey });
  };
  const columns: TableColumnsType<AppealCategoryView> = [
    {
      title: t('channels.category.code'),
      dataIndex: 'code',
      width: 170,
      render: (code: string) => <span className="code-text">{code}</span>,
    },
    { title: t('channels.category.nameZh'), dataIndex: 'nameZh', width: 140 },
    { title: t('channels.category.nameEn'), dataIndex: 'nameEn', width: 180 },
    { title: t('channels.category.respondDays'), dataIndex: 'respondDays', width: 120, align: 'right' },
    { title: t('channels.category.resolveDays'), dataIndex: 'resolveDays', width: 120, align: 'right' },
    { title: t('channels.category.sort'), dataIndex: 'sort', width: 80, align: 'right' },
    {
      title: t('channels.fields.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) =>
        active ? <Tag color="success">{t('channels.active')}</Tag> : <Tag>{t('channels.inactive')}</Tag>,
    },
    {
      title: t('channels.category.source'),
      key: 'source',
      width: 200,
      render: (_: unknown, category: AppealCategoryView) =>
        category.own ? (
          <Tag color={category.replacesInherited ? 'orange' : 'blue'}>
            {t(category.replacesInherited ? 'channels.category.overridden' : 'channels.category.ownLevel')}
          </Tag>
        ) : (
          <span className="muted">
            {t('channels.category.inheritedFrom', {
              unit: category.ownerName ?? t('channels.category.topLevel'),
            })}
          </span>
        ),
    },
    ...(canConfigure
      ? [
          {
            key: 'edit',
            width: 200,
            render: (_: unknown, category: AppealCategoryView) => (
              <Space size={0}>
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing({ record: category })}>
                  {category.own ? t('common.edit') : t('channels.category.overrideAction')}
                </Button>
                {category.replacesInherited ? (
                  <Popconfirm
                    title={t('channels.category.inheritConfirm')}
                    onConfirm={() => inherit(category)}
                  >
                    <Button type="link">{t('channels.category.inheritAction')}</Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      {list ? (
        <p className="muted" data-testid="categories-level">
          {t('channels.category.level', { unit: list.orgUnitName })}
        </p>
      ) : null}
      {canConfigure ? (
        <div className="table-toolbar">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="category-create"
          >
            {t('channels.category.create')}
          </Button>
        </div>
      ) : null}
      <Table<AppealCategoryView>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={data ?? []}
        loading={isPending}
        pagination={false}
        data-testid="categories-table"
      />
      {editing ? <CategoryFormModal category={editing.record} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

export function ChannelsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'categories' ? 'categories' : 'channels';
  const canConfigure = can('serviceLoop.configure');
  return (
    <>
      <PageHeader title={t('channels.title')}>{t('channels.intro')}</PageHeader>
      <Card className="tabs-card">
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(key) => setSearchParams(key === 'categories' ? { tab: 'categories' } : {})}
          items={[
            {
              key: 'channels',
              label: t('channels.tabs.channels'),
              children: <ChannelsTab canConfigure={canConfigure} />,
            },
            {
              key: 'categories',
              label: t('channels.tabs.categories'),
              children: <CategoriesTab canConfigure={canConfigure} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
