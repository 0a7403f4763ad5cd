// Registering or changing an enterprise (会员企业) in a drawer: profile, membership and contacts, with
// the rules checked as the user types (name, 18-character credit code, mobile numbers) and the server's
// field errors put on the fields. A duplicate credit code links to the record already registered; a
// record someone else changed meanwhile asks for a reload.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ENTERPRISE_SIZES,
  MEMBERSHIP_TYPES,
  MOBILE_PATTERN,
  normalizeUscc,
  PREDEFINED_TAGS,
  usccProblem,
  type EnterpriseSize,
  type EnterpriseView,
  type MembershipStatus,
} from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { FormDrawer, type FailureAlert } from '../../components/FormDrawer.tsx';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { createEnterprise, enterprisesQueryKey, updateEnterprise, type EnterpriseInput } from './api.ts';
import { MembershipStatusFields, needsReason } from './MembershipStatusFields.tsx';
import { ReferenceCascader } from './ReferenceCascader.tsx';

interface ContactValues {
  id?: string;
  name: string;
  position?: string;
  mobile?: string;
  /** What the viewer was shown (138****1234): a hint, never sent back. */
  storedMobile?: string | null;
  email?: string;
  isPrimary?: boolean;
}

interface EnterpriseFormValues {
  name: string;
  uscc: string;
  formerNames: string[];
  legalRepresentative?: string;
  registeredCapital?: number | null;
  foundedOn?: Dayjs | null;
  industryCode?: string;
  size?: EnterpriseSize;
  divisionCode?: string;
  address?: string;
  tags: string[];
  orgUnitId?: string;
  membership: {
    type: EnterpriseView['membership']['type'];
    status: MembershipStatus;
    statusReason?: string;
    statusOn?: Dayjs;
    joinedOn?: Dayjs | null;
  };
  contacts: ContactValues[];
}

const DATE = 'YYYY-MM-DD';

function dateOf(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

function initialValues(
  enterprise: EnterpriseView | undefined,
  ownOrgUnitId: string,
): Partial<EnterpriseFormValues> {
  if (!enterprise) {
    return {
      orgUnitId: ownOrgUnitId,
      formerNames: [],
      tags: [],
      contacts: [{ name: '', isPrimary: true }],
      membership: { type: 'enterprise', status: 'active', joinedOn: dayjs() },
    };
  }
  return {
    name: enterprise.name,
    uscc: enterprise.uscc,
    formerNames: enterprise.formerNames,
    legalRepresentative: enterprise.legalRepresentative ?? undefined,
    registeredCapital: enterprise.registeredCapital,
    foundedOn: dateOf(enterprise.foundedOn),
    industryCode: enterprise.industryCode ?? undefined,
    size: enterprise.size ?? undefined,
    divisionCode: enterprise.divisionCode ?? undefined,
    address: enterprise.address ?? undefined,
    tags: enterprise.tags,
    orgUnitId: enterprise.orgUnitId,
    membership: {
      type: enterprise.membership.type,
      status: enterprise.membership.status,
      joinedOn: dateOf(enterprise.membership.joinedOn),
    },
    contacts: enterprise.contacts.map((contact) => ({
      id: contact.id,
      name: contact.name,
      position: contact.position ?? undefined,
      storedMobile: contact.mobile,
      email: contact.email ?? undefined,
      isPrimary: contact.isPrimary,
    })),
  };
}

/** The request body: text trimmed, cleared fields sent as cleared, dates as YYYY-MM-DD. */
function inputOf(values: EnterpriseFormValues, current: EnterpriseView | undefined): EnterpriseInput {
  const text = (value: string | undefined) => value?.trim() ?? '';
  const statusChanged = !current || values.membership.status !== current.membership.status;
  return {
    name: text(values.name),
    uscc: normalizeUscc(values.uscc ?? ''),
    formerNames: values.formerNames.map((name) => name.trim()).filter(Boolean),
    legalRepresentative: text(values.legalRepresentative),
    registeredCapital: values.registeredCapital ?? null,
    foundedOn: values.foundedOn ? values.foundedOn.format(DATE) : null,
    industryCode: values.industryCode ?? null,
    size: values.size ?? null,
    divisionCode: values.divisionCode ?? null,
    address: text(values.address),
    tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
    ...(values.orgUnitId && values.orgUnitId !== current?.orgUnitId ? { orgUnitId: values.orgUnitId } : {}),
    membership: {
      type: values.membership.type,
      joinedOn: values.membership.joinedOn ? values.membership.joinedOn.format(DATE) : null,
      // An unchanged status is left out: the server would ask again for the reason it already has.
      ...(statusChanged
        ? {
            status: values.membership.status,
            ...(needsReason(values.membership.status)
              ? { statusReason: text(values.membership.statusReason) }
              : {}),
            ...(values.membership.statusOn ? { statusOn: values.membership.statusOn.format(DATE) } : {}),
          }
        : {}),
    },
    contacts: (values.contacts ?? []).map((contact) => ({
      ...(contact.id ? { id: contact.id } : {}),
      name: text(contact.name),
      position: text(contact.position),
      // Empty on an existing contact: keep the stored number (the editor only saw it masked).
      ...(contact.mobile?.trim() ? { mobile: contact.mobile.trim() } : {}),
      email: text(contact.email),
      isPrimary: contact.isPrimary ?? false,
    })),
  };
}

interface EnterpriseFormDrawerProps {
  /** Absent: register a new enterprise. */
  enterprise?: EnterpriseView;
  /** Open at this contact (from the contacts tab). */
  focusContact?: number;
  onClose: () => void;
  onSaved?: (enterprise: EnterpriseView) => void;
  /** Reload the record after a version conflict. */
  onReload?: () => void;
}

export function EnterpriseFormDrawer({
  enterprise,
  focusContact,
  onClose,
  onSaved,
  onReload,
}: EnterpriseFormDrawerProps) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const editing = enterprise !== undefined;
  const mayMove = user.roles.includes('federation_staff');

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field }),
  });

  const save = async (values: EnterpriseFormValues) => {
    const body = inputOf(values, enterprise);
    const saved = enterprise
      ? await updateEnterprise(enterprise.id, { ...body, version: enterprise.version })
      : await createEnterprise(body);
    await queryClient.invalidateQueries({ queryKey: enterprisesQueryKey });
    void message.success(editing ? t('enterprises.form.updated') : t('enterprises.form.created'));
    onSaved?.(saved);
  };

  // A duplicate credit code links to the record already registered, and the link stays while the user
  // edits; a record changed meanwhile offers a reload.
  const failureAlert = (failure: unknown, message: string | null): FailureAlert | null => {
    const duplicateOf =
      isApiError(failure, 'CONFLICT') && typeof failure.extra.existingId === 'string'
        ? failure.extra.existingId
        : null;
    const stale = isApiError(failure, 'VERSION_CONFLICT');
    if (message === null && !duplicateOf && !stale) return null;
    return {
      title: message ?? t('enterprises.form.duplicate'),
      description: duplicateOf ? (
        <Link to={`/enterprises/${duplicateOf}`} onClick={onClose} data-testid="duplicate-link">
          {t('enterprises.form.openDuplicate')}
        </Link>
      ) : stale ? (
        t('enterprises.form.staleHelp')
      ) : null,
      action:
        stale && onReload ? (
          <Button
            size="small"
            onClick={() => {
              onReload();
              onClose();
            }}
          >
            {t('enterprises.form.reload')}
          </Button>
        ) : null,
    };
  };

  const markPrimary = (index: number) => {
    const contacts = form.getFieldValue('contacts') as ContactValues[];
    form.setFieldValue(
      'contacts',
      contacts.map((contact, i) => ({ ...contact, isPrimary: i === index })),
    );
  };

  return (
    <FormDrawer<EnterpriseFormValues>
      size={760}
      title={
        editing
          ? t('enterprises.form.editTitle', { name: enterprise.name })
          : t('enterprises.form.createTitle')
      }
      form={form}
      initialValues={initialValues(enterprise, user.orgUnitId)}
      onSubmit={save}
      onClose={onClose}
      failureAlert={failureAlert}
      afterOpenChange={(open) => {
        if (open && focusContact !== undefined) {
          form.scrollToField(['contacts', focusContact, 'name'], { block: 'center' });
          form.focusField(['contacts', focusContact, 'mobile']);
        }
      }}
      testId="enterprise-form"
      saveTestId="enterprise-save"
      className="enterprise-form"
    >
      <Divider titlePlacement="start" className="form-section">
        {t('enterprises.form.sections.profile')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Form.Item
            name="name"
            label={t('enterprises.fields.name')}
            rules={[required(t('enterprises.fields.name'))]}
          >
            <Input maxLength={200} data-testid="enterprise-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="uscc"
            label={t('enterprises.fields.uscc')}
            normalize={(value: string | undefined) => (value ? normalizeUscc(value) : value)}
            validateFirst
            rules={[
              required(t('enterprises.fields.uscc')),
              {
                validator: (_rule, value: string | undefined) => {
                  const problem = value ? usccProblem(value) : null;
                  return problem
                    ? Promise.reject(new Error(t(`enterprises.form.usccProblem.${problem}`)))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <Input maxLength={18} className="code-text" data-testid="enterprise-uscc" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name="formerNames" label={t('enterprises.fields.formerNames')}>
            <Select
              mode="tags"
              open={false}
              suffixIcon={null}
              placeholder={t('enterprises.form.formerNamesHelp')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="legalRepresentative" label={t('enterprises.fields.legalRepresentative')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="registeredCapital" label={t('enterprises.fields.registeredCapital')}>
            <InputNumber<number>
              min={0}
              max={1e12}
              className="number-input"
              suffix={t('enterprises.tenThousandYuan')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="foundedOn" label={t('enterprises.fields.foundedOn')}>
            <DatePicker className="number-input" disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="size" label={t('enterprises.fields.size')}>
            <Select
              allowClear
              options={ENTERPRISE_SIZES.map((size) => ({ value: size, label: t(`registry.size.${size}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="industryCode"
            label={t('enterprises.fields.industry')}
            extra={t('enterprises.form.industryHelp')}
          >
            <ReferenceCascader kind="industries" placeholder={t('enterprises.form.industryPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="divisionCode"
            label={t('enterprises.fields.division')}
            extra={t('enterprises.form.divisionHelp')}
            rules={[
              {
                validator: (_rule, value: string | undefined) =>
                  !value || value.length >= 6
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('enterprises.form.divisionTooCoarse'))),
              },
            ]}
          >
            <ReferenceCascader
              kind="divisions"
              changeOnSelect
              placeholder={t('enterprises.form.divisionPlaceholder')}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label={t('enterprises.fields.address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={mayMove ? 14 : 24}>
          <Form.Item name="tags" label={t('enterprises.fields.tags')}>
            <Select
              mode="tags"
              maxCount={30}
              placeholder={t('enterprises.form.tagsHelp')}
              options={PREDEFINED_TAGS.map((tag) => ({ value: tag, label: tag }))}
            />
          </Form.Item>
        </Col>
        {mayMove ? (
          <Col xs={24} md={10}>
            <Form.Item
              name="orgUnitId"
              label={t('enterprises.fields.orgUnit')}
              extra={t('enterprises.form.orgUnitHelp')}
            >
              <OrgUnitTreeSelect />
            </Form.Item>
          </Col>
        ) : null}
      </Row>

      <Divider titlePlacement="start" className="form-section">
        {t('enterprises.form.sections.membership')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['membership', 'type']} label={t('enterprises.fields.membershipType')}>
            <Select
              options={MEMBERSHIP_TYPES.map((type) => ({
                value: type,
                label: t(`registry.membershipType.${type}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['membership', 'joinedOn']} label={t('enterprises.fields.joinedOn')}>
            <DatePicker className="number-input" disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Col>
      </Row>
      <MembershipStatusFields current={enterprise?.membership.status} />

      <Divider titlePlacement="start" className="form-section">
        {t('enterprises.form.sections.contacts')}
      </Divider>
      <Form.List name="contacts">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" size={12} className="full-width">
            {fields.map((field, index) => (
              <ContactFields
                key={field.key}
                index={index}
                name={field.name}
                onRemove={() => remove(field.name)}
                onPrimary={() => markPrimary(index)}
              />
            ))}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => add({ name: '', isPrimary: fields.length === 0 })}
              disabled={fields.length >= 20}
              data-testid="contact-add"
            >
              {t('enterprises.form.addContact')}
            </Button>
          </Space>
        )}
      </Form.List>
    </FormDrawer>
  );
}

function ContactFields({
  index,
  name,
  onRemove,
  onPrimary,
}: {
  index: number;
  name: number;
  onRemove: () => void;
  onPrimary: () => void;
}) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<EnterpriseFormValues>();
  const stored = Form.useWatch(['contacts', name, 'storedMobile'], { form, preserve: true }) as
    string | null | undefined;
  return (
    <Card
      size="small"
      className="contact-card"
      data-testid="contact-form"
      title={t('enterprises.form.contactN', { n: index + 1 })}
      extra={
        <Space>
          <Form.Item name={[name, 'isPrimary']} valuePropName="checked" noStyle>
            <Checkbox onChange={(event) => (event.target.checked ? onPrimary() : undefined)}>
              {t('enterprises.contacts.primary')}
            </Checkbox>
          </Form.Item>
          <Button
            type="text"
            danger
            size="small"
            icon={<DeleteOutlined />}
            onClick={onRemove}
            title={t('common.delete')}
          />
        </Space>
      }
    >
      {/* Registered so that it is submitted: an existing contact is matched by its id. */}
      <Form.Item name={[name, 'id']} hidden>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item
            name={[name, 'name']}
            label={t('enterprises.contacts.name')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('enterprises.contacts.name') }),
              },
            ]}
          >
            <Input maxLength={50} data-testid="contact-name-input" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'position']} label={t('enterprises.contacts.position')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name={[name, 'mobile']}
            label={t('enterprises.contacts.mobile')}
            extra={stored ? t('enterprises.form.keepMobile', { mobile: stored }) : undefined}
            rules={[{ pattern: MOBILE_PATTERN, message: t('enterprises.form.mobileInvalid') }]}
          >
            <Input
              maxLength={11}
              inputMode="numeric"
              placeholder={stored ?? undefined}
              data-testid="contact-mobile-input"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            name={[name, 'email']}
            label={t('enterprises.contacts.email')}
            rules={[{ type: 'email', message: t('enterprises.form.emailInvalid') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
