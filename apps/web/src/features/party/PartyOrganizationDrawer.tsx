// 登记/修改党组织 recording a party organization of an enterprise or a chamber, or changing one. Its owner
// is fixed once recorded; a record changed by someone else meanwhile is refused and the drawer says so.
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PARTY_ORGANIZATION_FORMS,
  type PartyOrganizationForm,
  type PartyOrganizationView,
  type PartyOwnerKind,
} from '@qinqing/shared';
import { api, isApiError } from '../../api/client.ts';
import { FormDrawer, type FailureAlert } from '../../components/FormDrawer.tsx';
import { ChamberSelect } from '../chambers/ChamberSelect.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { partyQueryKey } from './api.ts';

interface PartyFormValues {
  enterpriseId?: string;
  chamberId?: string;
  name: string;
  form: PartyOrganizationForm;
  secretaryName?: string;
  memberCount?: number | null;
  foundedOn?: Dayjs | null;
}

export function PartyOrganizationDrawer({
  organization,
  onClose,
}: {
  /** Absent: record a new one. */
  organization?: PartyOrganizationView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PartyFormValues>();
  const [ownerKind, setOwnerKind] = useState<PartyOwnerKind>('enterprise');
  const reload = () => queryClient.invalidateQueries({ queryKey: partyQueryKey });

  const failureAlert = (failure: unknown, text: string | null): FailureAlert | null => {
    const stale = isApiError(failure, 'VERSION_CONFLICT');
    if (text === null && !stale) return null;
    return {
      title: text ?? t('party.form.stale'),
      description: stale ? t('party.form.staleHelp') : null,
      action: stale ? (
        <Button
          size="small"
          onClick={() => {
            void reload();
            onClose();
          }}
        >
          {t('party.form.reload')}
        </Button>
      ) : null,
    };
  };

  return (
    <FormDrawer<PartyFormValues>
      size={640}
      title={
        organization ? t('party.form.editTitle', { name: organization.name }) : t('party.form.createTitle')
      }
      form={form}
      testId="party-form"
      saveTestId="party-save"
      failureAlert={failureAlert}
      initialValues={
        organization
          ? {
              name: organization.name,
              form: organization.form,
              secretaryName: organization.secretaryName ?? '',
              memberCount: organization.memberCount,
              foundedOn: organization.foundedOn ? dayjs(organization.foundedOn) : null,
            }
          : { form: 'independent_branch', memberCount: 0 }
      }
      onClose={onClose}
      onSubmit={async (values) => {
        const fields = {
          name: values.name.trim(),
          form: values.form,
          secretaryName: values.secretaryName?.trim() || null,
          memberCount: values.memberCount ?? 0,
          foundedOn: values.foundedOn ? values.foundedOn.format('YYYY-MM-DD') : null,
        };
        try {
          if (organization) {
            await api.patch(`/party-organizations/${encodeURIComponent(organization.id)}`, {
              ...fields,
              version: organization.version,
            });
          } else {
            await api.post('/party-organizations', {
              ...(ownerKind === 'enterprise'
                ? { enterpriseId: values.enterpriseId }
                : { chamberId: values.chamberId }),
              ...fields,
            });
          }
        } finally {
          await reload();
        }
        void message.success(t('common.saved'));
      }}
    >
      {organization ? null : (
        <>
          <Form.Item label={t('party.columns.ownerKind')}>
            <Radio.Group
              value={ownerKind}
              onChange={(event) => setOwnerKind(event.target.value as PartyOwnerKind)}
              options={[
                { value: 'enterprise', label: t('party.ownerKind.enterprise') },
                { value: 'chamber', label: t('party.ownerKind.chamber') },
              ]}
            />
          </Form.Item>
          {ownerKind === 'enterprise' ? (
            <Form.Item
              name="enterpriseId"
              label={t('party.form.enterprise')}
              rules={[{ required: true, message: t('party.form.ownerRequired') }]}
            >
              <EnterprisePicker />
            </Form.Item>
          ) : (
            <Form.Item
              name="chamberId"
              label={t('party.form.chamber')}
              rules={[{ required: true, message: t('party.form.ownerRequired') }]}
            >
              <ChamberSelect />
            </Form.Item>
          )}
        </>
      )}
      <Form.Item
        name="name"
        label={t('party.columns.name')}
        rules={[
          { required: true, whitespace: true, message: t('party.form.nameRequired') },
          { max: 100, message: t('party.form.nameLength') },
        ]}
      >
        <Input maxLength={100} placeholder={t('party.form.namePlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="form" label={t('party.columns.form')} rules={[{ required: true }]}>
            <Select
              options={PARTY_ORGANIZATION_FORMS.map((value) => ({
                value,
                label: t(`registry.partyForm.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="secretaryName"
            label={t('party.columns.secretary')}
            rules={[{ max: 50, message: t('party.form.secretaryLength') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="memberCount"
            label={t('party.columns.memberCount')}
            rules={[{ type: 'number', min: 0, max: 100_000, message: t('party.form.memberCountRange') }]}
          >
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="foundedOn" label={t('party.columns.foundedOn')}>
            <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
      </Row>
    </FormDrawer>
  );
}
