// 登记/修改代表人士 registering or changing a person and their positions in enterprises: a position is
// ended by removing its row. A record changed by someone else meanwhile is refused (VERSION_CONFLICT) and
// the drawer offers to reload it. Federation roles are kept as they are (not edited here).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Divider, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  CPPCC_LEVELS,
  GENDERS,
  NPC_LEVELS,
  POLITICAL_AFFILIATIONS,
  type Gender,
  type PersonView,
  type PoliticalAffiliation,
} from '@qinqing/shared';
import { api, isApiError } from '../../api/client.ts';
import { FormDrawer, type FailureAlert } from '../../components/FormDrawer.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { peopleQueryKey } from './api.ts';

type NpcLevel = (typeof NPC_LEVELS)[number];
type CppccLevel = (typeof CPPCC_LEVELS)[number];

interface PersonFormValues {
  name: string;
  gender?: Gender | null;
  birthYear?: number | null;
  politicalAffiliation: PoliticalAffiliation;
  npcLevel?: NpcLevel | null;
  cppccLevel?: CppccLevel | null;
  mobile?: string;
  email?: string;
  positions?: { enterpriseId?: string; position?: string }[];
}

function bodyOf(values: PersonFormValues) {
  const mobile = values.mobile?.trim();
  return {
    name: values.name.trim(),
    gender: values.gender ?? null,
    birthYear: values.birthYear ?? null,
    politicalAffiliation: values.politicalAffiliation,
    npcLevel: values.npcLevel ?? null,
    cppccLevel: values.cppccLevel ?? null,
    // Empty on a change: keep the stored number (the editor saw it masked).
    ...(mobile ? { mobile } : {}),
    email: values.email?.trim() ?? '',
    positions: (values.positions ?? []).map((p) => ({
      enterpriseId: p.enterpriseId ?? '',
      position: (p.position ?? '').trim(),
    })),
  };
}

export function PersonFormDrawer({
  person,
  onClose,
  onSaved,
}: {
  /** Absent: register a new person. */
  person?: PersonView;
  onClose: () => void;
  onSaved?: (person: PersonView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PersonFormValues>();
  const reload = () => queryClient.invalidateQueries({ queryKey: peopleQueryKey });

  const failureAlert = (failure: unknown, text: string | null): FailureAlert | null => {
    const stale = isApiError(failure, 'VERSION_CONFLICT');
    if (text === null && !stale) return null;
    return {
      title: text ?? t('people.form.stale'),
      description: stale ? t('people.form.staleHelp') : null,
      action: stale ? (
        <Button
          size="small"
          onClick={() => {
            void reload();
            onClose();
          }}
        >
          {t('people.form.reload')}
        </Button>
      ) : null,
    };
  };

  return (
    <FormDrawer<PersonFormValues>
      size={720}
      title={person ? t('people.form.editTitle', { name: person.name }) : t('people.form.createTitle')}
      form={form}
      testId="person-form"
      saveTestId="person-save"
      failureAlert={failureAlert}
      initialValues={
        person
          ? {
              name: person.name,
              gender: person.gender,
              birthYear: person.birthYear,
              politicalAffiliation: person.politicalAffiliation,
              npcLevel: person.npcLevel,
              cppccLevel: person.cppccLevel,
              email: person.email ?? '',
              positions: person.positions.map((p) => ({
                enterpriseId: p.enterpriseId,
                position: p.position,
              })),
            }
          : { politicalAffiliation: 'none', positions: [] }
      }
      onClose={onClose}
      onSubmit={async (values) => {
        const body = bodyOf(values);
        const saved = person
          ? await api.patch<{ person: PersonView }>(`/people/${encodeURIComponent(person.id)}`, {
              ...body,
              version: person.version,
            })
          : await api.post<{ person: PersonView }>('/people', body);
        await reload();
        void message.success(t('common.saved'));
        onSaved?.(saved.person);
      }}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('people.columns.name')}
            rules={[
              { required: true, whitespace: true, message: t('people.form.nameRequired') },
              { max: 50, message: t('people.form.nameLength') },
            ]}
          >
            <Input maxLength={50} data-testid="person-name" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="gender" label={t('people.columns.gender')}>
            <Select
              allowClear
              options={GENDERS.map((value) => ({ value, label: t(`registry.gender.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name="birthYear"
            label={t('people.form.birthYear')}
            rules={[
              {
                type: 'number',
                min: 1900,
                max: new Date().getFullYear(),
                message: t('people.form.birthYearRange'),
              },
            ]}
          >
            <InputNumber style={{ width: '100%' }} precision={0} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="politicalAffiliation" label={t('people.columns.affiliation')}>
            <Select
              options={POLITICAL_AFFILIATIONS.map((value) => ({
                value,
                label: t(`registry.affiliation.${value}`),
              }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="npcLevel" label={t('people.form.npc')}>
            <Select
              allowClear
              options={NPC_LEVELS.map((value) => ({ value, label: t(`registry.npcLevel.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="cppccLevel" label={t('people.form.cppcc')}>
            <Select
              allowClear
              options={CPPCC_LEVELS.map((value) => ({ value, label: t(`registry.cppccLevel.${value}`) }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="mobile"
            label={t('people.form.mobile')}
            extra={person?.mobile ? t('people.form.mobileKeep', { mobile: person.mobile }) : undefined}
            rules={[{ pattern: /^1\d{10}$/, message: t('people.form.mobileFormat') }]}
          >
            <Input maxLength={11} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="email"
            label={t('people.form.email')}
            rules={[{ type: 'email', message: t('people.form.emailFormat') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.List name="positions">
        {(fields, { add, remove }) => (
          <>
            <Divider titlePlacement="start" className="form-section">
              {t('people.form.positions')}
            </Divider>
            {fields.map((field) => {
              const known = person?.positions[field.name];
              return (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'enterpriseId']}
                    rules={[{ required: true, message: t('people.form.enterpriseRequired') }]}
                  >
                    <EnterprisePicker
                      style={{ width: 340 }}
                      selected={
                        known
                          ? { id: known.enterpriseId, name: known.enterpriseName, uscc: '', orgUnitName: '' }
                          : undefined
                      }
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'position']}
                    rules={[
                      { required: true, whitespace: true, message: t('people.form.positionRequired') },
                      { max: 50, message: t('people.form.positionLength') },
                    ]}
                  >
                    <Input placeholder={t('people.form.positionPlaceholder')} style={{ width: 180 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('people.form.endPosition')}
                    title={t('people.form.endPosition')}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              );
            })}
            <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20}>
              {t('people.form.addPosition')}
            </Button>
          </>
        )}
      </Form.List>
    </FormDrawer>
  );
}
