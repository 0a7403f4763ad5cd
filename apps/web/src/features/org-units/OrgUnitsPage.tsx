// 组织机构 org units: the caller's subtree as an expandable table; units may be added under a unit
// (only the kinds ALLOWED_PARENT_KINDS permits there) and renamed by whoever holds orgUnits.manage.
import {
  ApartmentOutlined,
  BankOutlined,
  PlusOutlined,
  ReloadOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { ALLOWED_PARENT_KINDS, ORG_UNIT_KINDS, type OrgUnitKind, type OrgUnitView } from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { createOrgUnit, orgUnitsQueryKey, updateOrgUnit, useOrgUnits } from './api.ts';
import { branchIds, buildOrgTree, type OrgUnitNode } from './tree.ts';

const KIND_COLORS: Record<OrgUnitKind, string> = {
  province: 'red',
  city: 'volcano',
  district: 'orange',
  street: 'gold',
  chamber: 'blue',
  association: 'cyan',
  department: 'purple',
  bank: 'green', // 融资 financing
};

function KindIcon({ kind }: { kind: OrgUnitKind }) {
  if (kind === 'chamber') return <ShopOutlined />;
  if (kind === 'association') return <TeamOutlined />;
  if (kind === 'department') return <ApartmentOutlined />;
  return <BankOutlined />;
}

/** The kinds that may be placed under a unit of this kind. */
export function childKindsOf(kind: OrgUnitKind): OrgUnitKind[] {
  return ORG_UNIT_KINDS.filter((child) => ALLOWED_PARENT_KINDS[child].includes(kind));
}

interface CreateValues {
  kind: OrgUnitKind;
  name: string;
  code?: string;
}

function CreateChildModal({
  parent,
  onCreated,
  onClose,
}: {
  parent: OrgUnitView;
  onCreated: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const kinds = childKindsOf(parent.kind);

  return (
    <FormModal<CreateValues>
      title={t('orgUnits.form.createTitle')}
      form={form}
      initialValues={kinds.length === 1 ? { kind: kinds[0] } : {}}
      onClose={onClose}
      onSubmit={async (values) => {
        const code = values.code?.trim();
        await createOrgUnit({
          parentId: parent.id,
          kind: values.kind,
          name: values.name,
          ...(code ? { code } : {}),
        });
        await queryClient.invalidateQueries({ queryKey: orgUnitsQueryKey });
        onCreated();
        void message.success(t('orgUnits.created'));
      }}
    >
      <Form.Item label={t('orgUnits.form.parent')}>
        <Input value={`${parent.name} · ${labels.kind(parent.kind)}`} disabled />
      </Form.Item>
      <Form.Item
        name="kind"
        label={t('orgUnits.form.kind')}
        rules={[{ required: true, message: t('common.selectRequired', { field: t('orgUnits.form.kind') }) }]}
      >
        <Select options={kinds.map((kind) => ({ value: kind, label: labels.kind(kind) }))} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('orgUnits.form.name')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('orgUnits.form.name') }),
          },
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="code" label={t('orgUnits.form.code')} extra={t('orgUnits.form.codeHelp')}>
        <Input maxLength={32} />
      </Form.Item>
    </FormModal>
  );
}

interface EditValues {
  name: string;
  code?: string;
}

function EditModal({ unit, onClose }: { unit: OrgUnitView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();

  return (
    <FormModal<EditValues>
      title={t('orgUnits.form.editTitle', { name: unit.name })}
      form={form}
      initialValues={{ name: unit.name, code: unit.code ?? '' }}
      onClose={onClose}
      onSubmit={async (values) => {
        try {
          await updateOrgUnit(unit.id, {
            version: unit.version,
            name: values.name,
            code: values.code?.trim() ?? '',
          });
        } catch (error) {
          if (isApiError(error, 'VERSION_CONFLICT'))
            void queryClient.invalidateQueries({ queryKey: orgUnitsQueryKey });
          throw error;
        }
        await queryClient.invalidateQueries({ queryKey: orgUnitsQueryKey });
        void message.success(t('orgUnits.updated'));
      }}
    >
      <Form.Item
        name="name"
        label={t('orgUnits.form.name')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('orgUnits.form.name') }),
          },
        ]}
      >
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="code" label={t('orgUnits.form.code')} extra={t('orgUnits.form.codeHelp')}>
        <Input maxLength={32} />
      </Form.Item>
    </FormModal>
  );
}

type Dialog = { kind: 'create' | 'edit'; unit: OrgUnitView };

export function OrgUnitsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useSession();
  const { data, isFetching, error, refetch } = useOrgUnits();
  const tree = useMemo(() => buildOrgTree(data ?? []), [data]);
  const allBranches = useMemo(() => branchIds(data ?? []), [data]);
  // null until the user expands or collapses something: until then everything is open.
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const canManage = can('orgUnits.manage');

  const columns: TableColumnsType<OrgUnitNode> = [
    {
      title: t('orgUnits.columns.name'),
      dataIndex: 'name',
      render: (name: string, unit) => (
        <span className="org-name">
          <KindIcon kind={unit.kind} /> {name}
        </span>
      ),
    },
    {
      title: t('orgUnits.columns.kind'),
      dataIndex: 'kind',
      width: 180,
      render: (kind: OrgUnitKind) => <Tag color={KIND_COLORS[kind]}>{labels.kind(kind)}</Tag>,
    },
    {
      title: t('orgUnits.columns.code'),
      dataIndex: 'code',
      width: 200,
      render: (code: string | null) => code || <span className="muted">—</span>,
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 200,
      render: (_, unit) => {
        const noChildren = childKindsOf(unit.kind).length === 0;
        return (
          <Space size={0}>
            <Tooltip title={noChildren ? t('orgUnits.noChildKinds') : undefined}>
              <Button
                type="link"
                size="small"
                icon={<PlusOutlined />}
                disabled={noChildren}
                onClick={() => setDialog({ kind: 'create', unit })}
              >
                {t('orgUnits.addChild')}
              </Button>
            </Tooltip>
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', unit })}>
              {t('orgUnits.rename')}
            </Button>
          </Space>
        );
      },
    });
  }

  return (
    <>
      <PageHeader
        title={t('orgUnits.title')}
        extra={
          <Space>
            <Button onClick={() => setExpanded(allBranches)}>{t('orgUnits.expandAll')}</Button>
            <Button onClick={() => setExpanded([])}>{t('orgUnits.collapseAll')}</Button>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={() => void refetch()} />
            </Tooltip>
          </Space>
        }
      >
        {t('orgUnits.intro')}
        {data ? <span className="muted"> {t('orgUnits.count', { count: data.length })}</span> : null}
      </PageHeader>
      <Card className="table-card">
        {error && !data ? (
          <LoadError error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<OrgUnitNode>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={tree}
            loading={isFetching}
            pagination={false}
            data-testid="org-units-table"
            expandable={{
              expandedRowKeys: expanded ?? allBranches,
              onExpandedRowsChange: (keys) => setExpanded(keys),
              indentSize: 24,
            }}
          />
        )}
      </Card>
      {dialog?.kind === 'create' ? (
        <CreateChildModal
          parent={dialog.unit}
          onCreated={() => setExpanded((keys) => (keys ? [...keys, dialog.unit.id] : keys))}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'edit' ? <EditModal unit={dialog.unit} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
