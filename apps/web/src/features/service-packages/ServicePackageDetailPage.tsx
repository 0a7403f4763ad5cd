// 服务包详情 one service package: its items in order, publishing and closing, editing, the hand-out dialog
// with the recipient count (chosen enterprises or a chamber's members), the holders (paged, a holding made by
// mistake removable) and the holders ledger (.xlsx).
import { FileExcelOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  List,
  Radio,
  Row,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  PACKAGE_ACTION_LABELS,
  POLICY_STATE_LABELS,
  type HandOutResult,
  type HolderView,
  type PackageAction,
  type PackageView,
  type PolicyState,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { DetailGate, DetailHeader } from '../../components/DetailPage.tsx';
import { errorText } from '../../components/errors.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { ChamberSelect } from '../chambers/ChamberSelect.tsx';
import { InviteesSelect } from '../events/InviteesSelect.tsx';
import {
  countHandOut,
  handOut,
  holdersLedgerUrl,
  packagesQueryKey,
  removeHolder,
  transitionPackage,
  useHolders,
  usePackage,
} from './api.ts';
import { ServicePackageFormDrawer } from './ServicePackageFormDrawer.tsx';
import { PackageStateTag } from './ServicePackagesPage.tsx';

export function ServicePackageDetailPage() {
  const { id = '' } = useParams();
  const servicePackage = usePackage(id);
  return <DetailGate result={servicePackage}>{(loaded) => <PackageDetail pkg={loaded} />}</DetailGate>;
}

function PackageDetail({ pkg }: { pkg: PackageView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [handing, setHanding] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: packagesQueryKey });

  const move = (action: PackageAction) =>
    modal.confirm({
      title: `${PACKAGE_ACTION_LABELS[action]}《${pkg.name}》？`,
      okText: PACKAGE_ACTION_LABELS[action],
      onOk: async () => {
        try {
          await transitionPackage(pkg.id, { action, version: pkg.version });
          void message.success(
            action === 'publish' ? t('servicePackages.detail.published') : t('servicePackages.detail.closed'),
          );
          await refresh();
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });

  return (
    <>
      <DetailHeader title={pkg.name}>
        <PackageStateTag state={pkg.state} />
        {pkg.canEdit ? (
          <Button onClick={() => setEditing(true)} data-testid="package-edit">
            {t('common.edit')}
          </Button>
        ) : null}
        {pkg.actions.map((action) => (
          <Button
            key={action}
            type={action === 'publish' ? 'primary' : 'default'}
            danger={action === 'close'}
            onClick={() => move(action)}
            data-testid={`package-${action}`}
          >
            {PACKAGE_ACTION_LABELS[action]}
          </Button>
        ))}
        {pkg.canHandOut ? (
          <Button type="primary" onClick={() => setHanding(true)} data-testid="package-hand-out">
            {t('servicePackages.detail.handOut')}
          </Button>
        ) : null}
        <Button icon={<FileExcelOutlined />} href={holdersLedgerUrl(pkg.id)} data-testid="package-ledger">
          {t('servicePackages.detail.ledger')}
        </Button>
      </DetailHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('servicePackages.detail.items')}>
            {pkg.description ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {pkg.description}
              </Typography.Paragraph>
            ) : null}
            <List
              size="small"
              dataSource={pkg.items}
              locale={{ emptyText: t('servicePackages.detail.noItems') }}
              data-testid="package-items"
              renderItem={(item) => (
                <List.Item key={item.position}>
                  {item.position}.{' '}
                  {item.policy ? (
                    <>
                      <Tag color="blue">{t('servicePackages.itemKinds.policy')}</Tag>
                      <Link to={`/policies/${item.policy.id}`}>{item.policy.title}</Link>
                      {item.policy.state !== 'published' ? (
                        <Tag style={{ marginLeft: 8 }}>
                          {POLICY_STATE_LABELS[item.policy.state as PolicyState] ?? item.policy.state}
                        </Tag>
                      ) : null}
                    </>
                  ) : (
                    <>
                      <Tag>{t('servicePackages.itemKinds.service')}</Tag>
                      {item.service}
                    </>
                  )}
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Holders pkg={pkg} />
        </Col>
      </Row>
      {editing ? <ServicePackageFormDrawer servicePackage={pkg} onClose={() => setEditing(false)} /> : null}
      {handing ? <HandOutDialog pkg={pkg} onClose={() => setHanding(false)} /> : null}
    </>
  );
}

function Holders({ pkg }: { pkg: PackageView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const holders = useHolders(pkg.id, paging);
  const remove = (holder: HolderView) =>
    modal.confirm({
      title: t('servicePackages.detail.removeConfirm', { name: holder.enterprise.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await removeHolder(pkg.id, holder.enterprise.id);
          void message.success(t('servicePackages.detail.removed'));
          await queryClient.invalidateQueries({ queryKey: packagesQueryKey });
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });
  const columns: TableColumnsType<HolderView> = [
    {
      title: t('servicePackages.detail.enterprise'),
      dataIndex: ['enterprise', 'name'],
      fixed: 'left',
      render: (name: string, holder) => <Link to={`/enterprises/${holder.enterprise.id}`}>{name}</Link>,
    },
    {
      title: t('servicePackages.detail.orgUnit'),
      dataIndex: ['orgUnit', 'name'],
      width: 140,
      ellipsis: true,
    },
    { title: t('servicePackages.detail.handedOn'), dataIndex: 'handedOn', width: 110 },
    {
      title: t('servicePackages.detail.handedBy'),
      dataIndex: ['handedBy', 'name'],
      width: 100,
      render: (name: string | undefined) => name ?? '—',
    },
    {
      title: t('servicePackages.detail.onVisit'),
      dataIndex: 'visitId',
      width: 90,
      render: (visitId: string | null) => (visitId ? t('common.yes') : ''),
    },
    { title: t('servicePackages.detail.note'), dataIndex: 'note', ellipsis: true, render: (n) => n ?? '' },
    ...(can('packages.handOut')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, holder: HolderView) => (
              <Button type="link" size="small" danger onClick={() => remove(holder)}>
                {t('servicePackages.detail.remove')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card title={`${t('servicePackages.detail.holders')}（${holders.data?.total ?? pkg.holderCount}）`}>
      <PagedTable<HolderView, typeof paging>
        result={holders}
        query={paging}
        setQuery={setPaging}
        columns={columns}
        rowKey={(holder) => holder.enterprise.id}
        scroll={{ x: 760 }}
        testId="package-holders"
      />
    </Card>
  );
}

interface HandOutValues {
  target: 'list' | 'filter';
  enterpriseIds?: string[];
  chamberId?: string;
  handedOn?: Dayjs;
  note?: string;
}

function HandOutDialog({ pkg, onClose }: { pkg: PackageView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HandOutValues>();
  const target = Form.useWatch('target', form) ?? 'list';
  const chamberId = Form.useWatch('chamberId', form);
  const chosen = Form.useWatch('enterpriseIds', form);
  const [count, setCount] = useState<HandOutResult | null>(null);
  // The chosen list as one key, so that the count is asked again only when the choice changes.
  const chosenKey = (chosen ?? []).join(',');
  useEffect(() => {
    const enterpriseIds = chosenKey ? chosenKey.split(',') : [];
    if ((target === 'filter' && !chamberId) || (target === 'list' && enterpriseIds.length === 0)) {
      setCount(null);
      return;
    }
    let current = true;
    countHandOut(pkg.id, target === 'filter' ? { filter: { chamberId } } : { enterpriseIds }).then(
      (answer) => current && setCount(answer),
      () => current && setCount(null),
    );
    return () => {
      current = false;
    };
  }, [pkg.id, target, chamberId, chosenKey]);

  const submit = async (values: HandOutValues) => {
    const result = await handOut(pkg.id, {
      ...(values.target === 'filter'
        ? { filter: { chamberId: values.chamberId } }
        : { enterpriseIds: values.enterpriseIds }),
      handedOn: values.handedOn?.format('YYYY-MM-DD'),
      note: values.note?.trim() || null,
    });
    void message.success(t('servicePackages.handOut.done', { count: result.added }));
    await queryClient.invalidateQueries({ queryKey: packagesQueryKey });
    onClose();
  };

  return (
    <FormModal<HandOutValues>
      title={t('servicePackages.handOut.title')}
      form={form}
      initialValues={{ target: 'list', handedOn: dayjs() }}
      onSubmit={submit}
      onClose={onClose}
      okText={t('servicePackages.handOut.confirm')}
      okTestId="package-hand-out-confirm"
    >
      <Form.Item name="target" label={t('servicePackages.handOut.target')}>
        <Radio.Group
          options={[
            { value: 'list', label: t('servicePackages.handOut.list') },
            { value: 'filter', label: t('servicePackages.handOut.filter') },
          ]}
        />
      </Form.Item>
      {target === 'list' ? (
        <Form.Item
          name="enterpriseIds"
          label={t('servicePackages.handOut.enterprises')}
          rules={[{ required: true }]}
        >
          <InviteesSelect />
        </Form.Item>
      ) : (
        <Form.Item name="chamberId" label={t('servicePackages.handOut.chamber')} rules={[{ required: true }]}>
          <ChamberSelect />
        </Form.Item>
      )}
      <Form.Item name="handedOn" label={t('servicePackages.handOut.handedOn')}>
        <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="note" label={t('servicePackages.handOut.note')}>
        <Input maxLength={500} />
      </Form.Item>
      {count ? (
        <Typography.Paragraph data-testid="package-hand-out-count">
          {t('servicePackages.handOut.count', { count: count.added, already: count.alreadyHeld })}
        </Typography.Paragraph>
      ) : null}
    </FormModal>
  );
}
