// Entering a policy, or changing one, in a drawer: its key facts, dates and window, amount range, texts and
// its conditions as rows (field, operator, values); the conditions can be previewed against the registry
// before saving. The server's field errors go on the fields; a policy changed meanwhile asks to reopen.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BENEFIT_KIND_LABELS,
  BENEFIT_KINDS,
  CONDITION_FIELD_LABELS,
  CONDITION_FIELDS,
  CONDITION_OPS,
  POLICY_LEVEL_LABELS,
  POLICY_LEVELS,
  REDEMPTION_MODE_LABELS,
  REDEMPTION_MODES,
  type BenefitKind,
  type ConditionField,
  type PolicyCondition,
  type PolicyLevel,
  type PolicyView,
  type RedemptionMode,
} from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { errorText } from '../../components/errors.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { createPolicy, policiesQueryKey, previewMatches, updatePolicy } from './api.ts';

interface ConditionRow {
  field: ConditionField;
  op: string;
  values: string;
}

interface PolicyFormValues {
  title: string;
  documentNumber?: string;
  issuer: string;
  level: PolicyLevel;
  benefitKind: BenefitKind;
  summary: string;
  fullText?: string;
  effectiveOn: Dayjs;
  expiresOn?: Dayjs | null;
  redemption: RedemptionMode;
  applicationOpensOn?: Dayjs | null;
  applicationClosesOn?: Dayjs | null;
  amountMin?: string;
  amountMax?: string;
  contact?: string;
  tags?: string[];
  conditions: ConditionRow[];
}

const OP_LABELS: Record<string, string> = {
  prefix: '代码以…开头',
  in: '属于',
  before: '早于',
  after: '晚于',
  is: '是否',
  text: '说明',
};

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

function conditionOf(row: ConditionRow): PolicyCondition {
  const values =
    row.field === 'partyOrganization'
      ? [row.values.trim() !== 'false' && row.values.trim() !== '否']
      : row.field === 'manual'
        ? [row.values.trim()]
        : row.values
            .split(/[,，、\s]+/)
            .map((value) => value.trim())
            .filter(Boolean);
  return { field: row.field, op: row.op, values };
}

function initialValues(policy: PolicyView | undefined): Partial<PolicyFormValues> {
  if (!policy)
    return {
      level: 'district',
      benefitKind: 'subsidy',
      redemption: 'application',
      effectiveOn: dayjs(),
      conditions: [{ field: 'status', op: 'in', values: 'active' }],
    };
  const date = (value: string | null) => (value ? dayjs(value) : null);
  return {
    title: policy.title,
    documentNumber: policy.documentNumber ?? undefined,
    issuer: policy.issuer,
    level: policy.level,
    benefitKind: policy.benefitKind,
    summary: policy.summary,
    fullText: policy.fullText ?? undefined,
    effectiveOn: dayjs(policy.effectiveOn),
    expiresOn: date(policy.expiresOn),
    redemption: policy.redemption,
    applicationOpensOn: date(policy.applicationOpensOn),
    applicationClosesOn: date(policy.applicationClosesOn),
    amountMin: policy.amountMin ?? undefined,
    amountMax: policy.amountMax ?? undefined,
    contact: policy.contact ?? undefined,
    tags: policy.tags,
    conditions: policy.conditions.map((condition) => ({
      field: condition.field,
      op: condition.op,
      values: condition.values.map(String).join(', '),
    })),
  };
}

export function PolicyFormDrawer({
  policy,
  onClose,
  onSaved,
}: {
  /** Absent: a new draft. */
  policy?: PolicyView;
  onClose: () => void;
  onSaved?: (policy: PolicyView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PolicyFormValues>();
  const [preview, setPreview] = useState<string | null>(null);

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field }),
  });

  const bodyOf = (values: PolicyFormValues) => ({
    title: values.title.trim(),
    documentNumber: values.documentNumber?.trim() || null,
    issuer: values.issuer.trim(),
    level: values.level,
    benefitKind: values.benefitKind,
    summary: values.summary.trim(),
    fullText: values.fullText?.trim() || null,
    effectiveOn: day(values.effectiveOn)!,
    expiresOn: day(values.expiresOn),
    redemption: values.redemption,
    applicationOpensOn: day(values.applicationOpensOn),
    applicationClosesOn: day(values.applicationClosesOn),
    amountMin: values.amountMin?.trim() || null,
    amountMax: values.amountMax?.trim() || null,
    contact: values.contact?.trim() || null,
    tags: values.tags ?? [],
    conditions: (values.conditions ?? []).filter((row) => row.values?.trim()).map(conditionOf),
  });

  const save = async (values: PolicyFormValues) => {
    const body = bodyOf(values);
    const saved = policy
      ? await updatePolicy(policy.id, { ...body, version: policy.version })
      : await createPolicy(body);
    await queryClient.invalidateQueries({ queryKey: policiesQueryKey });
    void message.success(policy ? t('policies.form.updated') : t('policies.form.created'));
    onSaved?.(saved);
    onClose();
  };

  const runPreview = async () => {
    const rows = (form.getFieldValue('conditions') as ConditionRow[] | undefined) ?? [];
    try {
      const result = await previewMatches(rows.filter((row) => row?.values?.trim()).map(conditionOf));
      setPreview(t('policies.form.previewResult', { total: result.total, near: result.nearMissTotal }));
    } catch (error) {
      setPreview(errorText(error));
    }
  };

  return (
    <FormDrawer<PolicyFormValues>
      size={760}
      title={policy ? t('policies.form.editTitle') : t('policies.form.createTitle')}
      form={form}
      initialValues={initialValues(policy)}
      onSubmit={save}
      onClose={onClose}
      failureAlert={(failure, text) =>
        text === null
          ? null
          : {
              title: text,
              description: isApiError(failure, 'VERSION_CONFLICT') ? t('policies.form.stale') : null,
            }
      }
      testId="policy-form"
      saveTestId="policy-save"
    >
      <Form.Item
        name="title"
        label={t('policies.fields.title')}
        rules={[required(t('policies.fields.title'))]}
      >
        <Input maxLength={200} data-testid="policy-title" />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="documentNumber" label={t('policies.fields.documentNumber')} style={{ flex: 1 }}>
          <Input maxLength={100} data-testid="policy-number" />
        </Form.Item>
        <Form.Item
          name="issuer"
          label={t('policies.fields.issuer')}
          rules={[required(t('policies.fields.issuer'))]}
          style={{ flex: 1 }}
        >
          <Input maxLength={100} data-testid="policy-issuer" />
        </Form.Item>
      </Space.Compact>
      <Space wrap>
        <Form.Item name="level" label={t('policies.fields.level')}>
          <Select
            style={{ width: 120 }}
            options={POLICY_LEVELS.map((value) => ({ value, label: POLICY_LEVEL_LABELS[value] }))}
          />
        </Form.Item>
        <Form.Item name="benefitKind" label={t('policies.fields.benefitKind')}>
          <Select
            style={{ width: 130 }}
            options={BENEFIT_KINDS.map((value) => ({ value, label: BENEFIT_KIND_LABELS[value] }))}
          />
        </Form.Item>
        <Form.Item name="redemption" label={t('policies.fields.redemption')}>
          <Select
            style={{ width: 130 }}
            options={REDEMPTION_MODES.map((value) => ({ value, label: REDEMPTION_MODE_LABELS[value] }))}
          />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="effectiveOn" label={t('policies.fields.effectiveOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('policies.fields.expiresOn')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="applicationOpensOn" label={t('policies.fields.applicationOpensOn')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="applicationClosesOn" label={t('policies.fields.applicationClosesOn')}>
          <DatePicker data-testid="policy-closes" />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="amountMin" label={t('policies.fields.amountMin')}>
          <Input style={{ width: 160 }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="amountMax" label={t('policies.fields.amountMax')}>
          <Input style={{ width: 160 }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="contact" label={t('policies.fields.contact')}>
          <Input style={{ width: 260 }} maxLength={200} />
        </Form.Item>
      </Space>
      <Form.Item
        name="summary"
        label={t('policies.fields.summary')}
        rules={[required(t('policies.fields.summary'))]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={5000} data-testid="policy-summary" />
      </Form.Item>
      <Form.Item name="fullText" label={t('policies.fields.fullText')}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
      </Form.Item>
      <Form.Item name="tags" label={t('policies.fields.tags')}>
        <Select mode="tags" maxCount={20} />
      </Form.Item>
      <Form.List name="conditions">
        {(fields, { add, remove }) => (
          <Form.Item label={t('policies.fields.conditions')}>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap data-testid="policy-condition">
                <Form.Item name={[field.name, 'field']} noStyle>
                  <Select
                    style={{ width: 140 }}
                    // Nine fields: all rendered, none hidden below a virtual list's fold.
                    virtual={false}
                    options={CONDITION_FIELDS.map((value) => ({
                      value,
                      label: CONDITION_FIELD_LABELS[value],
                    }))}
                    onChange={(value: ConditionField) =>
                      form.setFieldValue(['conditions', field.name, 'op'], CONDITION_OPS[value][0])
                    }
                    data-testid="policy-condition-field"
                  />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const chosen = form.getFieldValue(['conditions', field.name, 'field']) as ConditionField;
                    return (
                      <Form.Item name={[field.name, 'op']} noStyle>
                        <Select
                          style={{ width: 130 }}
                          options={(CONDITION_OPS[chosen] ?? []).map((value) => ({
                            value,
                            label: OP_LABELS[value],
                          }))}
                        />
                      </Form.Item>
                    );
                  }}
                </Form.Item>
                <Form.Item name={[field.name, 'values']} noStyle>
                  <Input
                    style={{ width: 260 }}
                    placeholder={t('policies.form.conditionValues')}
                    data-testid="policy-condition-values"
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('common.delete')}
                />
              </Space>
            ))}
            <Space>
              <Button
                icon={<PlusOutlined />}
                // Tags (专精特新, 高新技术企业…) are what most policies ask for first.
                onClick={() => add({ field: 'tag', op: 'in', values: '' })}
                data-testid="policy-condition-add"
              >
                {t('policies.form.addCondition')}
              </Button>
              <Button onClick={() => void runPreview()} data-testid="policy-preview">
                {t('policies.form.preview')}
              </Button>
            </Space>
            {preview ? (
              <Alert
                style={{ marginTop: 8 }}
                type="info"
                message={preview}
                data-testid="policy-preview-result"
              />
            ) : null}
          </Form.Item>
        )}
      </Form.List>
    </FormDrawer>
  );
}
