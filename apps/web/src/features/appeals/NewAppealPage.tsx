// 提出诉求 raising an appeal: the enterprise (fixed for an enterprise contact; prefilled from a visit's link
// `?enterpriseId=&visitId=`), its contact for the appeal (staff pick one, the primary by default), category, title, description, source and urgency, then files chosen here are
// uploaded to the new appeal. One Idempotency-Key per opened form: a double click or a retry answers the
// same appeal.
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Upload, type UploadFile } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import {
  RAISED_APPEAL_SOURCES,
  APPEAL_URGENCIES,
  type AppealSource,
  type AppealUrgency,
  type CreateAppealRequest,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { applyFormErrors } from '../../components/errors.ts';
import { BlockSpin } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useEnterprise } from '../enterprises/api.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { createAppeal, refreshAppeals, uploadAttachment } from './api.ts';
import { CategorySelect } from './AppealSelects.tsx';
import { ATTACHMENT_ACCEPT, refusalOf } from './AttachmentsCard.tsx';
import { isEnterpriseContact, useOwnEnterprise } from './own-enterprise.ts';
import './appeals.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AppealFormValues {
  enterpriseId?: string;
  contactId?: string;
  category?: string;
  title?: string;
  description?: string;
  source?: AppealSource;
  urgency?: AppealUrgency;
}

export function NewAppealPage() {
  const { user } = useSession();
  const enterpriseSide = isEnterpriseContact(user);
  const own = useOwnEnterprise(enterpriseSide);
  if (enterpriseSide && own.isPending) return <BlockSpin />;
  return (
    <NewAppealForm
      fixedEnterprise={enterpriseSide ? (own.data ?? null) : undefined}
      enterpriseSide={enterpriseSide}
    />
  );
}

function NewAppealForm({
  fixedEnterprise,
  enterpriseSide,
}: {
  /** An enterprise contact's own enterprise (null: the account is tied to none); undefined for staff. */
  fixedEnterprise: { id: string; name: string } | null | undefined;
  enterpriseSide: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [searchParams] = useSearchParams();
  const [form] = Form.useForm<AppealFormValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const chosenEnterprise = Form.useWatch('enterpriseId', form);
  // One key for everything sent from this form: the server answers a repeat with the appeal it made.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  const visitId = UUID.test(searchParams.get('visitId') ?? '') ? searchParams.get('visitId')! : undefined;
  const queryEnterprise = searchParams.get('enterpriseId');
  const initialValues: AppealFormValues = {
    enterpriseId: fixedEnterprise
      ? fixedEnterprise.id
      : queryEnterprise && UUID.test(queryEnterprise)
        ? queryEnterprise
        : undefined,
    source: enterpriseSide ? 'self_service' : visitId ? 'visit' : undefined,
    urgency: 'normal',
  };

  const submit = async (values: AppealFormValues) => {
    setSubmitting(true);
    setError(null);
    let appealId: string;
    try {
      const appeal = await createAppeal(
        {
          ...(values as Required<AppealFormValues>),
          title: values.title?.trim() ?? '',
          description: values.description?.trim() ?? '',
          ...(visitId ? { visitId } : {}),
        } satisfies CreateAppealRequest,
        idempotencyKey,
      );
      appealId = appeal.id;
    } catch (failure) {
      setError(applyFormErrors(form, failure));
      setSubmitting(false);
      return;
    }
    // The appeal exists now; a file that fails to upload is said, and can be added on the appeal's page.
    const failed: string[] = [];
    for (const file of files) {
      if (!file.originFileObj) continue;
      try {
        await uploadAttachment(appealId, file.originFileObj);
      } catch (failure) {
        failed.push(refusalOf(file.name, failure));
      }
    }
    await refreshAppeals(queryClient);
    if (failed.length > 0)
      void message.warning(t('appeals.form.uploadFailed', { files: failed.join('；') }), 8);
    else void message.success(t('appeals.form.created'));
    void navigate(`/appeals/${appealId}`, { replace: true });
  };

  return (
    <div data-testid="appeal-new">
      <PageHeader title={t('appeals.form.title')}>
        {visitId ? t('appeals.form.fromVisit') : t('appeals.form.intro')}
      </PageHeader>
      <Card className="appeal-form-card">
        {fixedEnterprise === null ? (
          <Alert type="warning" showIcon className="form-alert" title={t('appeals.form.noEnterprise')} />
        ) : null}
        <Form<AppealFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onFinish={(values) => void submit(values)}
          onValuesChange={() => setError(null)}
          className="appeal-form"
          data-testid="appeal-form"
        >
          <Form.Item
            name="enterpriseId"
            label={t('appeals.fields.enterprise')}
            rules={[
              {
                required: true,
                message: t('common.selectRequired', { field: t('appeals.fields.enterprise') }),
              },
            ]}
          >
            {fixedEnterprise !== undefined ? (
              <Select
                disabled
                options={fixedEnterprise ? [{ value: fixedEnterprise.id, label: fixedEnterprise.name }] : []}
                data-testid="appeal-enterprise"
              />
            ) : (
              <PrefilledEnterprisePicker linked={initialValues.enterpriseId} />
            )}
          </Form.Item>
          {!enterpriseSide && chosenEnterprise ? (
            <Form.Item
              name="contactId"
              label={t('appeals.fields.contact')}
              extra={t('appeals.form.contactHint')}
            >
              <ContactSelect enterpriseId={chosenEnterprise} />
            </Form.Item>
          ) : null}
          <Form.Item
            name="category"
            label={t('appeals.fields.category')}
            rules={[
              {
                required: true,
                message: t('common.selectRequired', { field: t('appeals.fields.category') }),
              },
            ]}
          >
            <CategorySelect activeOnly data-testid="appeal-category" />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('appeals.fields.title')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('appeals.fields.title') }),
              },
            ]}
          >
            <Input maxLength={100} showCount data-testid="appeal-title" />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('appeals.fields.description')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('appeals.fields.description') }),
              },
            ]}
          >
            <Input.TextArea
              rows={6}
              maxLength={5000}
              showCount
              placeholder={t('appeals.form.descriptionHint')}
              data-testid="appeal-description"
            />
          </Form.Item>
          <Space size={32} wrap align="start">
            <Form.Item
              name="source"
              label={t('appeals.fields.source')}
              rules={[
                {
                  required: true,
                  message: t('common.selectRequired', { field: t('appeals.fields.source') }),
                },
              ]}
            >
              <Select
                style={{ width: 200 }}
                disabled={enterpriseSide}
                options={RAISED_APPEAL_SOURCES.filter(
                  (source) => enterpriseSide || source !== 'self_service',
                ).map((source) => ({ value: source, label: t(`appeals.source.${source}`) }))}
                data-testid="appeal-source"
              />
            </Form.Item>
            <Form.Item name="urgency" label={t('appeals.fields.urgency')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={APPEAL_URGENCIES.map((urgency) => ({
                  value: urgency,
                  label: t(`appeals.urgency.${urgency}`),
                }))}
                data-testid="appeal-urgency"
              />
            </Form.Item>
          </Space>
          <Form.Item label={t('appeals.fields.attachments')} extra={t('appeals.attachments.hint')}>
            <Upload.Dragger
              multiple
              accept={ATTACHMENT_ACCEPT}
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList)}
              data-testid="appeal-files"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('appeals.attachments.drop')}</p>
            </Upload.Dragger>
          </Form.Item>
          {error ? <Alert type="error" showIcon title={error} role="alert" className="form-alert" /> : null}
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={submitting}
              disabled={fixedEnterprise === null}
              data-testid="appeal-submit"
            >
              {t('appeals.form.submit')}
            </Button>
            <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}

/** The enterprise picker; an enterprise given in the link (from a visit) is looked up so its name shows. */
function PrefilledEnterprisePicker({
  linked,
  value,
  onChange,
  id,
}: {
  linked?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  if (!linked) return <EnterprisePicker id={id} value={value} onChange={onChange} />;
  return <LinkedEnterprisePicker linked={linked} id={id} value={value} onChange={onChange} />;
}

function LinkedEnterprisePicker({
  linked,
  ...props
}: {
  linked: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const { data } = useEnterprise(linked);
  return <EnterprisePicker {...props} selected={data} />;
}

/** The enterprise's contacts to name for the appeal; the primary one is chosen whenever the enterprise is. */
function ContactSelect({
  enterpriseId,
  value,
  onChange,
  id,
}: {
  enterpriseId: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const { data, isPending } = useEnterprise(enterpriseId);
  const contacts = data?.contacts;
  useEffect(() => {
    if (!contacts || contacts.some((contact) => contact.id === value)) return;
    onChange?.((contacts.find((contact) => contact.isPrimary) ?? contacts[0])?.id);
  }, [contacts, value, onChange]);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={isPending}
      notFoundContent={t('appeals.form.noContacts')}
      data-testid="appeal-contact-select"
      options={(contacts ?? []).map((contact) => ({
        value: contact.id,
        label: [
          contact.name,
          contact.position,
          contact.mobile,
          contact.isPrimary ? `（${t('appeals.contact.primary')}）` : null,
        ]
          .filter(Boolean)
          .join(' '),
      }))}
    />
  );
}
