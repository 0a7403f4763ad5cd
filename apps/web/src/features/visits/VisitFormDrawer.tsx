// Recording a visit (走访) in a drawer: the enterprise, planned or done with its date, kind, who went
// (accounts, leaders by name, departments on a joint visit), what was brought and what was found. The same
// drawer changes a visit, or records a planned one as done.
import { useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  VISIT_BROUGHT,
  VISIT_KINDS,
  type CreateVisitRequest,
  type UpdateVisitRequest,
  type VisitBrought,
  type VisitKind,
  type VisitView,
} from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { useOrgUnits } from '../org-units/api.ts';
import { HandedPackagesField } from '../service-packages/HandedPackagesField.tsx';
import { createVisit, refreshVisits, updateVisit, useVisitors } from './api.ts';

const DATE = 'YYYY-MM-DD';

interface VisitFormValues {
  enterpriseId?: string;
  status: 'planned' | 'done';
  plannedOn?: Dayjs | null;
  visitedOn?: Dayjs | null;
  kind?: VisitKind;
  visitorIds: string[];
  leaderNames: string[];
  departmentIds: string[];
  brought: VisitBrought[];
  notes?: string;
  /** 服务包 handed over on a done visit. */
  servicePackageIds?: string[];
}

export interface VisitFormProps {
  /** Absent: record a new visit. */
  visit?: VisitView;
  /** Open a planned visit to record it as done. */
  recording?: boolean;
  /** A new visit to this enterprise (from a plan's assignment), in this plan. */
  enterprise?: { id: string; name: string };
  planId?: string;
  onClose: () => void;
  onSaved?: (visit: VisitView) => void;
}

function initialValues(props: VisitFormProps, userId: string): Partial<VisitFormValues> {
  const { visit, recording } = props;
  if (!visit) {
    return {
      status: 'done',
      visitedOn: dayjs(),
      kind: 'directed',
      visitorIds: [userId],
      leaderNames: [],
      departmentIds: [],
      brought: [],
    };
  }
  return {
    status: recording || visit.status === 'done' ? 'done' : 'planned',
    plannedOn: visit.plannedOn ? dayjs(visit.plannedOn) : null,
    visitedOn: visit.visitedOn ? dayjs(visit.visitedOn) : recording ? dayjs() : null,
    kind: visit.kind,
    visitorIds: visit.visitors.map((visitor) => visitor.id),
    leaderNames: visit.leaderNames,
    departmentIds: visit.departments.map((department) => department.id),
    brought: visit.brought,
    notes: visit.notes ?? undefined,
  };
}

function common(values: VisitFormValues) {
  return {
    kind: values.kind!,
    visitorIds: values.visitorIds,
    leaderNames: values.leaderNames.map((name) => name.trim()).filter(Boolean),
    departmentIds: values.departmentIds,
    brought: values.brought,
    notes: values.notes?.trim() || null,
  };
}

function createBody(
  values: VisitFormValues,
  enterpriseId: string,
  planId: string | undefined,
): CreateVisitRequest {
  const done = values.status === 'done';
  return {
    enterpriseId,
    status: values.status,
    ...(done
      ? { visitedOn: values.visitedOn?.format(DATE) ?? null }
      : { plannedOn: values.plannedOn?.format(DATE) ?? null }),
    ...common(values),
    ...(planId ? { planId } : {}),
    ...(done && values.servicePackageIds?.length ? { servicePackageIds: values.servicePackageIds } : {}),
  };
}

function updateBody(values: VisitFormValues, visit: VisitView): UpdateVisitRequest {
  const done = values.status === 'done';
  return {
    version: visit.version,
    status: values.status,
    // A done visit keeps the date it was planned for; a planned one has no visit date yet.
    ...(done
      ? { visitedOn: values.visitedOn?.format(DATE) ?? null }
      : { plannedOn: values.plannedOn?.format(DATE) ?? null, visitedOn: null }),
    ...common(values),
    ...(done && values.servicePackageIds?.length ? { servicePackageIds: values.servicePackageIds } : {}),
  };
}

export function VisitFormDrawer(props: VisitFormProps) {
  const { visit, recording, enterprise, planId, onClose, onSaved } = props;
  const { t } = useTranslation();
  const { user } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<VisitFormValues>();
  const status = Form.useWatch('status', form);
  const visitors = useVisitors();
  const orgUnits = useOrgUnits();
  const departments = useMemo(
    () => (orgUnits.data ?? []).filter((unit) => unit.kind === 'department'),
    [orgUnits.data],
  );
  const fixedEnterprise = visit ? { id: visit.enterpriseId, name: visit.enterpriseName } : enterprise;

  const save = async (values: VisitFormValues) => {
    const saved = visit
      ? await updateVisit(visit.id, updateBody(values, visit))
      : await createVisit(createBody(values, enterprise?.id ?? values.enterpriseId!, planId));
    await refreshVisits(queryClient);
    void message.success(t('visits.form.saved'));
    onSaved?.(saved);
  };

  const title = !visit
    ? t('visits.form.createTitle')
    : recording
      ? t('visits.form.recordTitle', { name: visit.enterpriseName })
      : t('visits.form.editTitle', { name: visit.enterpriseName });

  return (
    <FormDrawer<VisitFormValues>
      size={640}
      title={title}
      form={form}
      initialValues={initialValues(props, user.id)}
      onSubmit={save}
      onClose={onClose}
      failureAlert={(failure, message) =>
        message === null
          ? null
          : { title: isApiError(failure, 'VERSION_CONFLICT') ? t('visits.form.stale') : message }
      }
      testId="visit-form"
      saveTestId="visit-save"
    >
      {fixedEnterprise ? (
        <Form.Item label={t('visits.fields.enterprise')}>
          <span className="record-link">{fixedEnterprise.name}</span>
        </Form.Item>
      ) : (
        <Form.Item
          name="enterpriseId"
          label={t('visits.fields.enterprise')}
          extra={t('visits.form.enterpriseHelp')}
          rules={[
            {
              required: true,
              message: t('common.selectRequired', { field: t('visits.fields.enterprise') }),
            },
          ]}
        >
          <EnterprisePicker />
        </Form.Item>
      )}
      <Form.Item name="status" label={t('visits.fields.status')}>
        <Radio.Group
          disabled={recording || visit?.status === 'done'}
          optionType="button"
          options={[
            { value: 'done', label: t('visits.form.done') },
            { value: 'planned', label: t('visits.form.planned') },
          ]}
          data-testid="visit-status-choice"
        />
      </Form.Item>
      {status === 'planned' ? (
        <Form.Item
          name="plannedOn"
          label={t('visits.fields.plannedOn')}
          rules={[
            {
              required: true,
              message: t('common.selectRequired', { field: t('visits.fields.plannedOn') }),
            },
          ]}
        >
          <DatePicker className="full-width" />
        </Form.Item>
      ) : (
        <Form.Item
          name="visitedOn"
          label={t('visits.fields.visitedOn')}
          rules={[
            {
              required: true,
              message: t('common.selectRequired', { field: t('visits.fields.visitedOn') }),
            },
          ]}
        >
          <DatePicker
            className="full-width"
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            data-testid="visit-visited-on"
          />
        </Form.Item>
      )}
      <Form.Item
        name="kind"
        label={t('visits.fields.kind')}
        rules={[{ required: true, message: t('common.selectRequired', { field: t('visits.fields.kind') }) }]}
      >
        <Select options={VISIT_KINDS.map((kind) => ({ value: kind, label: t(`visits.kind.${kind}`) }))} />
      </Form.Item>
      <Form.Item
        name="visitorIds"
        label={t('visits.fields.visitors')}
        rules={[
          { required: true, message: t('common.selectRequired', { field: t('visits.fields.visitors') }) },
        ]}
      >
        <Select
          mode="multiple"
          loading={visitors.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(visitors.data ?? []).map((visitor) => ({
            value: visitor.id,
            label: visitor.displayName,
          }))}
          data-testid="visit-visitors"
        />
      </Form.Item>
      <Form.Item
        name="leaderNames"
        label={t('visits.fields.leaderNames')}
        extra={t('visits.form.leaderNamesHelp')}
      >
        <Select mode="tags" open={false} placeholder={t('visits.form.leaderNamesPlaceholder')} />
      </Form.Item>
      <Form.Item name="departmentIds" label={t('visits.fields.departments')}>
        <Select
          mode="multiple"
          allowClear
          loading={orgUnits.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={departments.map((department) => ({ value: department.id, label: department.name }))}
        />
      </Form.Item>
      <Form.Item name="brought" label={t('visits.fields.brought')}>
        <Checkbox.Group
          options={VISIT_BROUGHT.map((item) => ({ value: item, label: t(`visits.brought.${item}`) }))}
        />
      </Form.Item>
      {status === 'done' ? <HandedPackagesField /> : null}
      <Form.Item name="notes" label={t('visits.fields.notes')}>
        <Input.TextArea
          rows={5}
          maxLength={2000}
          showCount
          placeholder={t('visits.form.notesPlaceholder')}
          data-testid="visit-notes"
        />
      </Form.Item>
    </FormDrawer>
  );
}
