// 会员互助 the mutual aid board: supplies and needs (never a contact), filtered by side, category and text;
// the form to post one; a post's candidates on the other side with the broker's button; and the matches.
import {
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  AID_CATEGORIES,
  AID_CATEGORY_LABELS,
  AID_MATCH_STATE_LABELS,
  AID_POST_STATE_LABELS,
  AID_SIDE_LABELS,
  AID_SIDES,
  type AidCategory,
  type AidFigures,
  type AidMatchView,
  type AidPostView,
  type AidSide,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { cleanParams, oneOf, pagingFrom, pagingParams, useListQuery } from '../../components/list-query.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import {
  aidQueryKey,
  createMatch,
  createPost,
  useAidPosts,
  useAidStats,
  useCandidates,
  useMatches,
  type AidQuery,
} from './api.ts';

const PAGE_SIZE = 20;

interface Filters {
  side?: AidSide;
  category?: AidCategory;
  q?: string;
}

export function AidPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [posting, setPosting] = useState(false);
  const [candidatesOf, setCandidatesOf] = useState<AidPostView | null>(null);
  const list = useListQuery<AidQuery, Filters>({
    parse: (params) => ({
      side: oneOf(AID_SIDES, params.get('side')),
      category: oneOf(AID_CATEGORIES, params.get('category')),
      q: params.get('q') || undefined,
      ...pagingFrom(params, PAGE_SIZE),
    }),
    toParams: (query) =>
      cleanParams({
        side: query.side,
        category: query.category,
        q: query.q,
        ...pagingParams(query, PAGE_SIZE),
      }),
    formValues: (query) => ({
      side: oneOf(AID_SIDES, query.side ?? null),
      category: oneOf(AID_CATEGORIES, query.category ?? null),
      q: query.q,
    }),
    fromForm: (values) => ({
      side: values.side,
      category: values.category,
      q: values.q?.trim() || undefined,
    }),
  });
  const result = useAidPosts(list.query);
  const columns: TableColumnsType<AidPostView> = [
    {
      title: t('aid.columns.side'),
      dataIndex: 'side',
      width: 70,
      fixed: 'left',
      render: (side: AidSide) => (
        <Tag color={side === 'supply' ? 'green' : 'orange'}>{AID_SIDE_LABELS[side]}</Tag>
      ),
    },
    {
      title: t('aid.columns.title'),
      key: 'title',
      fixed: 'left',
      width: 220,
      render: (_, post) => (
        <Space>
          {post.title}
          {post.urgent ? <Tag color="red">{t('aid.columns.urgent')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('aid.columns.enterprise'), key: 'enterprise', render: (_, post) => post.enterprise.name },
    {
      title: t('aid.columns.category'),
      dataIndex: 'category',
      width: 100,
      render: (category: AidCategory) => AID_CATEGORY_LABELS[category],
    },
    {
      title: t('aid.columns.quantity'),
      key: 'quantity',
      width: 120,
      render: (_, post) => `${post.quantity} ${post.unit}`,
    },
    {
      title: t('aid.columns.validUntil'),
      dataIndex: 'validUntil',
      width: 110,
      render: (day: string | null) => day ?? '—',
    },
    {
      title: t('aid.columns.state'),
      dataIndex: 'state',
      width: 90,
      render: (state: AidPostView['state']) => AID_POST_STATE_LABELS[state],
    },
    {
      title: '',
      key: 'candidates',
      width: 110,
      fixed: 'right',
      render: (_, post) =>
        can('aid.broker') && post.state !== 'fulfilled' && post.state !== 'expired' ? (
          <Button
            size="small"
            onClick={() => setCandidatesOf(post)}
            data-testid={`aid-candidates-${post.id}`}
          >
            {t('aid.candidates')}
          </Button>
        ) : null,
    },
  ];
  return (
    <ListPage<AidPostView, AidQuery, Filters>
      list={list}
      testId="aid-board"
      title={t('aid.title')}
      intro={t('aid.intro')}
      actions={
        can('aid.post') ? (
          <Button type="primary" onClick={() => setPosting(true)} data-testid="aid-post">
            {t('aid.post')}
          </Button>
        ) : null
      }
      filters={
        <>
          <Form.Item name="side">
            <Select
              allowClear
              placeholder={t('aid.allSides')}
              style={{ width: 120 }}
              options={AID_SIDES.map((side) => ({ value: side, label: AID_SIDE_LABELS[side] }))}
            />
          </Form.Item>
          <Form.Item name="category">
            <Select
              allowClear
              placeholder={t('aid.allCategories')}
              style={{ width: 140 }}
              options={AID_CATEGORIES.map((category) => ({
                value: category,
                label: AID_CATEGORY_LABELS[category],
              }))}
            />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('aid.searchPlaceholder')} style={{ width: 200 }} />
          </Form.Item>
        </>
      }
      table={{ result, columns, testId: 'aid-table', scroll: { x: 1100 } }}
    >
      <Matches />
      {can('dashboard.read') ? <CategoryFigures /> : null}
      {posting ? <PostModal onClose={() => setPosting(false)} /> : null}
      {candidatesOf ? <Candidates post={candidatesOf} onClose={() => setCandidatesOf(null)} /> : null}
    </ListPage>
  );
}

type FigureRow = AidFigures & { key: string; label: string };

/** 按类别统计: what was posted, brokered and delivered in each category, quantities per unit. */
function CategoryFigures() {
  const { t } = useTranslation();
  const stats = useAidStats();
  const quantities = (items: AidFigures['delivered']) =>
    items.length === 0 ? '—' : items.map((item) => `${item.quantity} ${item.unit}`).join('，');
  const rows: FigureRow[] = stats.data
    ? [
        ...stats.data.categories.map((row) => ({
          ...row,
          key: row.category,
          label: AID_CATEGORY_LABELS[row.category],
        })),
        { ...stats.data.total, key: 'total', label: t('aid.figures.total') },
      ]
    : [];
  const columns: TableColumnsType<FigureRow> = [
    { title: t('aid.figures.category'), dataIndex: 'label', width: 110 },
    {
      title: t('aid.figures.posts'),
      key: 'posts',
      render: (_, row) =>
        `${row.posts}（${t('aid.figures.postsDetail', { supplies: row.supplies, demands: row.demands })}）`,
    },
    { title: t('aid.figures.matches'), dataIndex: 'matches', width: 80 },
    { title: t('aid.figures.fulfilled'), dataIndex: 'fulfilled', width: 90 },
    { title: t('aid.figures.helped'), dataIndex: 'enterprisesHelped', width: 90 },
    {
      title: t('aid.figures.delivered'),
      key: 'delivered',
      render: (_, row) => quantities(row.delivered),
    },
  ];
  return (
    <Table<FigureRow>
      style={{ marginTop: 16 }}
      title={() => t('aid.figures.title')}
      size="small"
      rowKey="key"
      loading={stats.isLoading}
      dataSource={rows}
      columns={columns}
      pagination={false}
      data-testid="aid-figures"
    />
  );
}

function Matches() {
  const { t } = useTranslation();
  const matches = useMatches();
  return (
    <Table<AidMatchView>
      style={{ marginTop: 16 }}
      title={() => t('aid.matches')}
      size="small"
      rowKey="id"
      loading={matches.isFetching}
      dataSource={matches.data ?? []}
      pagination={false}
      data-testid="aid-matches"
      columns={[
        {
          title: t('aid.match.supply'),
          key: 'supply',
          render: (_, match) => (
            <Link to={`/aid/matches/${match.id}`}>
              {match.supply.enterprise.name}：{match.supply.title}
            </Link>
          ),
        },
        {
          title: t('aid.match.demand'),
          key: 'demand',
          render: (_, match) => `${match.demand.enterprise.name}：${match.demand.title}`,
        },
        {
          title: t('aid.columns.state'),
          dataIndex: 'state',
          render: (state: AidMatchView['state']) => AID_MATCH_STATE_LABELS[state],
        },
      ]}
    />
  );
}

function Candidates({ post, onClose }: { post: AidPostView; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const candidates = useCandidates(post.id);
  return (
    <Drawer
      open
      width={560}
      title={`${t('aid.candidates')}：${post.title}`}
      onClose={onClose}
      data-testid="aid-candidates"
    >
      <List
        loading={candidates.isFetching}
        dataSource={candidates.data ?? []}
        locale={{ emptyText: t('aid.noCandidates') }}
        renderItem={(candidate) => (
          <List.Item
            actions={[
              <Button
                key="broker"
                type="primary"
                size="small"
                data-testid={`aid-broker-${candidate.id}`}
                onClick={async () => {
                  const [supplyId, demandId] =
                    post.side === 'supply' ? [post.id, candidate.id] : [candidate.id, post.id];
                  const { match } = await createMatch(supplyId, demandId);
                  await queryClient.invalidateQueries({ queryKey: aidQueryKey });
                  void navigate(`/aid/matches/${match.id}`);
                }}
              >
                {t('aid.broker')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={`${candidate.enterprise.name}：${candidate.title}`}
              description={`${candidate.quantity} ${candidate.unit} · ${t(`aid.proximity.${candidate.proximity}`)} · ${t('aid.columns.common')}：${candidate.commonWords.join('、') || '—'}`}
            />
          </List.Item>
        )}
      />
    </Drawer>
  );
}

interface PostValues {
  side: AidSide;
  enterpriseId: string;
  title: string;
  category: AidCategory;
  quantity: number;
  unit: string;
  place?: string;
  validUntil?: Dayjs;
  urgent?: boolean;
}

function PostModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PostValues>();
  const queryClient = useQueryClient();
  return (
    <FormModal<PostValues>
      title={t('aid.post')}
      form={form}
      okTestId="aid-post-submit"
      initialValues={{ side: 'supply', category: 'epidemic' }}
      onClose={onClose}
      onSubmit={async (values) => {
        await createPost({
          ...values,
          place: values.place || null,
          validUntil: values.validUntil ? values.validUntil.format('YYYY-MM-DD') : null,
          urgent: Boolean(values.urgent),
        });
        await queryClient.invalidateQueries({ queryKey: aidQueryKey });
      }}
    >
      <Form.Item name="side" label={t('aid.fields.side')} rules={[{ required: true }]}>
        <Radio.Group
          data-testid="aid-post-side"
          options={AID_SIDES.map((side) => ({ value: side, label: AID_SIDE_LABELS[side] }))}
        />
      </Form.Item>
      <Form.Item name="enterpriseId" label={t('aid.fields.enterprise')} rules={[{ required: true }]}>
        <EnterprisePicker />
      </Form.Item>
      <Form.Item name="title" label={t('aid.fields.title')} rules={[{ required: true }]}>
        <Input data-testid="aid-post-title" />
      </Form.Item>
      <Form.Item name="category" label={t('aid.fields.category')} rules={[{ required: true }]}>
        <Select
          options={AID_CATEGORIES.map((category) => ({
            value: category,
            label: AID_CATEGORY_LABELS[category],
          }))}
        />
      </Form.Item>
      <Space>
        <Form.Item name="quantity" label={t('aid.fields.quantity')} rules={[{ required: true }]}>
          <InputNumber min={0.01} data-testid="aid-post-quantity" />
        </Form.Item>
        <Form.Item name="unit" label={t('aid.fields.unit')} rules={[{ required: true }]}>
          <Input style={{ width: 80 }} data-testid="aid-post-unit" />
        </Form.Item>
      </Space>
      <Form.Item name="place" label={t('aid.fields.place')}>
        <Input />
      </Form.Item>
      <Form.Item name="validUntil" label={t('aid.fields.validUntil')}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="urgent" valuePropName="checked">
        <Checkbox>{t('aid.fields.urgent')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
