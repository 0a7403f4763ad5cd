// Making or changing a visit plan (走访计划) in a drawer: name, kind, the unit that runs it, its period,
// notes, and the enterprises assigned to staff. Once made, its start stays; its end, name, notes and
// assignments may change. The server's field errors land on the fields, assignment by assignment.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_KINDS, type VisitKind, type VisitPlanView } from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { createVisitPlan, refreshVisits, updateVisitPlan, useVisitors } from './api.ts';

const DATE = 'YYYY-MM-DD';

interface AssignmentValues {
  enterpriseId?: string;
  assigneeId?: string;
}

interface PlanFormValues {
  name: string;
  kind: VisitKind;
  orgUnitId?: string;
  period?: [Dayjs, Dayjs];
  endsOn?: Dayjs;
  notes?: string;
  assignments: AssignmentValues[];
}

/** An assignment's enterprise: its name once assigned, a search for a new row. */
function AssignmentEnterprise({
  value,
  onChange,
  known,
  id,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  known: ReadonlyMap<string, string>;
  id?: string;
}) {
  const name = value ? known.get(value) : undefined;
  if (name) return <Typography.Text className="plan-assignment-name">{name}</Typography.Text>;
  return (
    <EnterprisePicker id={id} value={value} onChange={(next) => onChange?.(next)} style={{ width: 300 }} />
  );
}

export function VisitPlanFormDrawer({
  plan,
  onClose,
  onSaved,
}: {
  /** Absent: make a new plan. */
  plan?: VisitPlanView;
  onClose: () => void;
  onSaved?: (plan: VisitPlanView) => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PlanFormValues>();
  const visitors = useVisitors();
  const known = useMemo(
    () => new Map((plan?.assignments ?? []).map((a) => [a.enterpriseId, a.enterpriseName])),
    [plan],
  );

  const initialValues: Partial<PlanFormValues> = plan
    ? {
        name: plan.name,
        kind: plan.kind,
        endsOn: dayjs(plan.endsOn),
        notes: plan.notes ?? undefined,
        assignments: plan.assignments.map((a) => ({
          enterpriseId: a.enterpriseId,
          assigneeId: a.assigneeId,
        })),
      }
    : {
        kind: 'directed',
        orgUnitId: user.orgUnitId,
        period: [dayjs().startOf('month'), dayjs().endOf('month')],
        assignments: [{ assigneeId: user.id }],
      };

  const save = async (values: PlanFormValues) => {
    const assignments = values.assignments
      .filter((a) => a.enterpriseId)
      .map((a) => ({ enterpriseId: a.enterpriseId!, assigneeId: a.assigneeId! }));
    const saved = plan
      ? await updateVisitPlan(plan.id, {
          version: plan.version,
          name: values.name.trim(),
          endsOn: values.endsOn?.format(DATE),
          notes: values.notes?.trim() || null,
          assignments,
        })
      : await createVisitPlan({
          name: values.name.trim(),
          kind: values.kind,
          orgUnitId: values.orgUnitId,
          startsOn: values.period![0].format(DATE),
          endsOn: values.period![1].format(DATE),
          notes: values.notes?.trim() || null,
          assignments,
        });
    await refreshVisits(queryClient);
    void message.success(t('visits.plans.form.saved'));
    onSaved?.(saved);
  };

  return (
    <FormDrawer<PlanFormValues>
      size={720}
      title={
        plan ? t('visits.plans.form.editTitle', { name: plan.name }) : t('visits.plans.form.createTitle')
      }
      form={form}
      initialValues={initialValues}
      onSubmit={save}
      onClose={onClose}
      failureAlert={(failure, message) =>
        message === null
          ? null
          : { title: isApiError(failure, 'VERSION_CONFLICT') ? t('visits.plans.form.stale') : message }
      }
      testId="visit-plan-form"
      saveTestId="visit-plan-save"
    >
      <Form.Item
        name="name"
        label={t('visits.plans.fields.name')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('visits.plans.fields.name') }),
          },
        ]}
      >
        <Input maxLength={100} data-testid="visit-plan-name" />
      </Form.Item>
      <Space size={16} wrap align="start">
        <Form.Item name="kind" label={t('visits.fields.kind')}>
          <Select
            disabled={plan !== undefined}
            style={{ width: 180 }}
            options={VISIT_KINDS.map((kind) => ({ value: kind, label: t(`visits.kind.${kind}`) }))}
          />
        </Form.Item>
        {plan ? (
          <>
            <Form.Item label={t('visits.plans.fields.startsOn')}>
              <DatePicker value={dayjs(plan.startsOn)} disabled />
            </Form.Item>
            <Form.Item
              name="endsOn"
              label={t('visits.plans.fields.endsOn')}
              rules={[
                {
                  required: true,
                  message: t('common.selectRequired', { field: t('visits.plans.fields.endsOn') }),
                },
              ]}
            >
              <DatePicker />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="orgUnitId"
              label={t('visits.plans.fields.orgUnit')}
              rules={[
                {
                  required: true,
                  message: t('common.selectRequired', { field: t('visits.plans.fields.orgUnit') }),
                },
              ]}
            >
              <OrgUnitTreeSelect style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              name="period"
              label={t('visits.plans.fields.period')}
              rules={[
                {
                  required: true,
                  message: t('common.selectRequired', { field: t('visits.plans.fields.period') }),
                },
              ]}
            >
              <DatePicker.RangePicker />
            </Form.Item>
          </>
        )}
      </Space>
      <Form.Item name="notes" label={t('visits.plans.fields.notes')}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <div className="section-heading">{t('visits.plans.fields.assignments')}</div>
      <Form.List name="assignments">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="start" wrap className="plan-assignment-row">
                <Form.Item
                  name={[field.name, 'enterpriseId']}
                  rules={[
                    {
                      required: true,
                      message: t('common.selectRequired', { field: t('visits.fields.enterprise') }),
                    },
                  ]}
                >
                  <AssignmentEnterprise known={known} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'assigneeId']}
                  rules={[
                    {
                      required: true,
                      message: t('common.selectRequired', { field: t('visits.plans.fields.assignee') }),
                    },
                  ]}
                >
                  <Select
                    style={{ width: 160 }}
                    placeholder={t('visits.plans.fields.assignee')}
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={visitors.isPending}
                    options={(visitors.data ?? []).map((visitor) => ({
                      value: visitor.id,
                      label: visitor.displayName,
                    }))}
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  aria-label={t('common.delete')}
                  title={t('common.delete')}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ assigneeId: user.id })}
              data-testid="visit-plan-add-assignment"
            >
              {t('visits.plans.form.addAssignment')}
            </Button>
          </>
        )}
      </Form.List>
    </FormDrawer>
  );
}
