// Opening or changing a direct channel: the department at its far end (org units of kind department), the
// channel-wide deadlines and per-category overrides, the head account overdue appeals escalate to, and the
// webhook of a group robot (企业微信/钉钉).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '@qinqing/shared';
import { FormModal } from '../../components/FormModal.tsx';
import { CategorySelect } from '../appeals/AppealSelects.tsx';
import { useSession } from '../../app/session.tsx';
import { useOrgUnits } from '../org-units/api.ts';
import { createChannel, refreshChannels, updateChannel } from './api.ts';

interface ChannelFormValues {
  departmentId?: string;
  name?: string;
  description?: string;
  respondDays?: number | null;
  resolveDays?: number | null;
  deadlines?: { category?: string; respondDays?: number; resolveDays?: number }[];
  headUserId?: string | null;
  webhookUrl?: string;
  /** Remove the robot set before (its URL is never shown: leaving the field empty keeps it). */
  removeWebhook?: boolean;
  active?: boolean;
  openToSubordinates?: boolean;
}

export function ChannelFormModal({
  channel,
  taken,
  onClose,
}: {
  /** Absent: a new channel. */
  channel?: ChannelView;
  /** Departments that already have a channel (one per department). */
  taken: readonly string[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ChannelFormValues>();
  const { data: orgUnits, isPending } = useOrgUnits();
  const departments = (orgUnits ?? []).filter(
    (unit) => unit.kind === 'department' && (unit.id === channel?.department.id || !taken.includes(unit.id)),
  );
  // Only a city or province runs channels that can be opened to the districts below (the runner: the
  // channel's unit, or the caller's own for a new one).
  const { user } = useSession();
  const runnerKind = (orgUnits ?? []).find(
    (unit) => unit.id === (channel?.orgUnitId ?? user.orgUnitId),
  )?.kind;
  const canOpen = runnerKind === 'city' || runnerKind === 'province';
  // The head is one of the department's accounts the channel knows (its liaisons, or the head already set).
  const headOptions = channel
    ? [
        ...(channel.head ? [channel.head] : []),
        ...channel.liaisons.filter((l) => l.id !== channel.head?.id),
      ].map((account) => ({ value: account.id, label: account.displayName }))
    : [];

  const submit = async (values: ChannelFormValues) => {
    const fields = {
      name: values.name?.trim() ?? '',
      description: values.description?.trim() || null,
      respondDays: values.respondDays ?? null,
      resolveDays: values.resolveDays ?? null,
      deadlines: (values.deadlines ?? []).map((deadline) => ({
        category: deadline.category ?? '',
        respondDays: deadline.respondDays ?? 0,
        resolveDays: deadline.resolveDays ?? 0,
      })),
      // Write-only: a new URL replaces the robot, removal clears it, an empty field keeps the one set.
      ...(values.webhookUrl?.trim()
        ? { webhookUrl: values.webhookUrl.trim() }
        : values.removeWebhook
          ? { webhookUrl: null }
          : {}),
      active: values.active ?? true,
      ...(canOpen ? { openToSubordinates: values.openToSubordinates ?? false } : {}),
    };
    if (channel) {
      await updateChannel(channel.id, {
        ...fields,
        headUserId: values.headUserId ?? null,
        version: channel.version,
      });
    } else {
      await createChannel({ ...fields, departmentId: values.departmentId ?? '' });
    }
    void message.success(t('common.saved'));
    await refreshChannels(queryClient);
  };

  return (
    <FormModal<ChannelFormValues>
      title={channel ? t('channels.edit', { name: channel.department.name }) : t('channels.create')}
      form={form}
      width={720}
      okTestId="channel-save"
      initialValues={
        channel
          ? {
              departmentId: channel.department.id,
              name: channel.name,
              description: channel.description ?? undefined,
              respondDays: channel.respondDays,
              resolveDays: channel.resolveDays,
              deadlines: channel.deadlines,
              headUserId: channel.head?.id ?? null,
              removeWebhook: false,
              active: channel.active,
              openToSubordinates: channel.openToSubordinates,
            }
          : { active: true, openToSubordinates: false, deadlines: [] }
      }
      onSubmit={submit}
      onClose={onClose}
    >
      <Form.Item
        name="departmentId"
        label={t('channels.fields.department')}
        rules={[
          { required: true, message: t('common.selectRequired', { field: t('channels.fields.department') }) },
        ]}
      >
        <Select
          disabled={channel !== undefined}
          loading={isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={departments.map((unit) => ({ value: unit.id, label: unit.name }))}
          onChange={(id: string) => {
            if (!form.getFieldValue('name')) {
              const unit = departments.find((candidate) => candidate.id === id);
              if (unit) form.setFieldValue('name', t('channels.defaultName', { department: unit.name }));
            }
          }}
          data-testid="channel-department"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('channels.fields.name')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('channels.fields.name') }),
          },
        ]}
      >
        <Input maxLength={60} />
      </Form.Item>
      <Form.Item name="description" label={t('channels.fields.description')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item label={t('channels.fields.deadlines')} extra={t('channels.emptyIsDefault')}>
        <Space size={8} wrap>
          {t('channels.fields.respondDays')}
          <Form.Item name="respondDays" noStyle>
            <InputNumber min={0} max={60} precision={0} className="number-input" />
          </Form.Item>
          {t('channels.fields.resolveDays')}
          <Form.Item name="resolveDays" noStyle>
            <InputNumber min={1} max={365} precision={0} className="number-input" />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item label={t('channels.fields.overrides')}>
        <Form.List name="deadlines">
          {(fields, { add, remove }) => (
            <div>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item
                    name={[field.name, 'category']}
                    rules={[
                      {
                        required: true,
                        message: t('common.selectRequired', { field: t('appeals.fields.category') }),
                      },
                    ]}
                  >
                    <CategorySelect placeholder={t('appeals.fields.category')} style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'respondDays']}
                    rules={[{ required: true, message: t('channels.fields.respondDays') }]}
                  >
                    <InputNumber
                      min={0}
                      max={60}
                      precision={0}
                      placeholder={t('channels.fields.respondDays')}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'resolveDays']}
                    rules={[{ required: true, message: t('channels.fields.resolveDays') }]}
                  >
                    <InputNumber
                      min={1}
                      max={365}
                      precision={0}
                      placeholder={t('channels.fields.resolveDays')}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} title={t('common.delete')} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t('channels.addOverride')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form.Item>
      {channel ? (
        <Form.Item name="headUserId" label={t('channels.fields.head')} extra={t('channels.headHint')}>
          <Select allowClear options={headOptions} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="webhookUrl"
        label={t('channels.fields.webhookUrl')}
        extra={
          channel?.webhookSet
            ? t('channels.webhookKeepHint', { host: channel.webhookHost ?? '' })
            : t('channels.webhookHint')
        }
        rules={[{ type: 'url', message: t('channels.webhookInvalid') }]}
      >
        <Input
          maxLength={500}
          placeholder={
            channel?.webhookSet
              ? t('channels.webhookSetPlaceholder', { host: channel.webhookHost ?? '' })
              : 'https://'
          }
        />
      </Form.Item>
      {channel?.webhookSet ? (
        <Form.Item name="removeWebhook" valuePropName="checked">
          <Checkbox data-testid="channel-remove-webhook">{t('channels.removeWebhook')}</Checkbox>
        </Form.Item>
      ) : null}
      <Form.Item name="active" label={t('channels.fields.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {canOpen ? (
        <Form.Item
          name="openToSubordinates"
          label={t('channels.openToSubordinates')}
          extra={t('channels.openHint')}
          valuePropName="checked"
        >
          <Switch data-testid="channel-open-to-subordinates" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
