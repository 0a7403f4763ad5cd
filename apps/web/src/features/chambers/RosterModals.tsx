// 会员与班子 keeping a chamber's roster: add a member (picked, or named by credit code — a secretary sees
// only their members), change a member's role, end a membership (退会) or a leader's term (卸任) with a
// day and a reason, appoint a leader. The server decides who may; its refusals show in the dialog.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Segmented, Select, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHAMBER_LEADER_ROLES,
  CHAMBER_MEMBER_ROLES,
  type ChamberLeaderRole,
  type ChamberLeaderView,
  type ChamberMemberRole,
  type ChamberMemberView,
  type PersonListItem,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { useDebounced } from '../search/useDebounced.ts';
import {
  addChamberLeader,
  addChamberMember,
  chambersQueryKey,
  endChamberLeader,
  endChamberMember,
  updateChamberMember,
} from './api.ts';

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);
const notAfterToday = (value: Dayjs) => value.isAfter(dayjs(), 'day');

/** After any roster write (or a refused one): the chamber, its members and counts are read again. */
function useRefreshChambers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: chambersQueryKey });
}

function MemberRoleSelect(props: {
  id?: string;
  value?: ChamberMemberRole;
  onChange?: (v: ChamberMemberRole) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select<ChamberMemberRole>
      {...props}
      options={CHAMBER_MEMBER_ROLES.map((value) => ({
        value,
        label: t(`registry.chamberMemberRole.${value}`),
      }))}
    />
  );
}

interface AddMemberValues {
  enterpriseId?: string;
  uscc?: string;
  role: ChamberMemberRole;
  joinedOn?: Dayjs | null;
}

export function AddMemberModal({ chamberId, onClose }: { chamberId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshChambers();
  const [form] = Form.useForm<AddMemberValues>();
  const [by, setBy] = useState<'uscc' | 'pick'>('uscc');
  return (
    <FormModal<AddMemberValues>
      title={t('chambers.roster.addMember')}
      form={form}
      initialValues={{ role: 'member', joinedOn: dayjs() }}
      onClose={onClose}
      okTestId="add-member-save"
      onSubmit={async (values) => {
        try {
          await addChamberMember(chamberId, {
            ...(by === 'uscc' ? { uscc: values.uscc?.trim() } : { enterpriseId: values.enterpriseId }),
            role: values.role,
            joinedOn: day(values.joinedOn) ?? null,
          });
        } finally {
          await refresh();
        }
        void message.success(t('chambers.roster.memberAdded'));
      }}
    >
      <Form.Item label={t('chambers.roster.findBy')}>
        <Segmented<'uscc' | 'pick'>
          value={by}
          onChange={setBy}
          options={[
            { value: 'uscc', label: t('chambers.roster.byUscc') },
            { value: 'pick', label: t('chambers.roster.byPick') },
          ]}
        />
      </Form.Item>
      {by === 'uscc' ? (
        <Form.Item
          name="uscc"
          label={t('enterprises.columns.uscc')}
          extra={t('chambers.roster.usccHint')}
          rules={[
            { required: true, message: t('chambers.roster.usccRequired') },
            { len: 18, message: t('chambers.roster.usccLength') },
          ]}
        >
          <Input maxLength={18} className="code-text" data-testid="add-member-uscc" />
        </Form.Item>
      ) : (
        <Form.Item
          name="enterpriseId"
          label={t('chambers.roster.enterprise')}
          rules={[{ required: true, message: t('chambers.roster.enterpriseRequired') }]}
        >
          <EnterprisePicker />
        </Form.Item>
      )}
      <Form.Item name="role" label={t('chambers.members.role')} rules={[{ required: true }]}>
        <MemberRoleSelect />
      </Form.Item>
      <Form.Item name="joinedOn" label={t('chambers.members.joinedOn')}>
        <DatePicker disabledDate={notAfterToday} />
      </Form.Item>
    </FormModal>
  );
}

interface EditMemberValues {
  role: ChamberMemberRole;
  joinedOn?: Dayjs | null;
}

export function EditMemberModal({
  chamberId,
  member,
  onClose,
}: {
  chamberId: string;
  member: ChamberMemberView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshChambers();
  const [form] = Form.useForm<EditMemberValues>();
  return (
    <FormModal<EditMemberValues>
      title={t('chambers.roster.editMember', { name: member.enterpriseName })}
      form={form}
      initialValues={{ role: member.role, joinedOn: member.joinedOn ? dayjs(member.joinedOn) : null }}
      onClose={onClose}
      onSubmit={async (values) => {
        try {
          await updateChamberMember(chamberId, member.enterpriseId, {
            role: values.role,
            joinedOn: day(values.joinedOn) ?? null,
          });
        } finally {
          await refresh();
        }
        void message.success(t('common.saved'));
      }}
    >
      <Form.Item name="role" label={t('chambers.members.role')} rules={[{ required: true }]}>
        <MemberRoleSelect />
      </Form.Item>
      <Form.Item name="joinedOn" label={t('chambers.members.joinedOn')}>
        <DatePicker disabledDate={notAfterToday} />
      </Form.Item>
    </FormModal>
  );
}

interface EndValues {
  on: Dayjs;
  reason: string;
}

/** 退会 or 卸任: one dialog asking for the last day and the reason. */
function EndModal({
  title,
  dateLabel,
  allowFuture,
  onEnd,
  onClose,
  testId,
}: {
  title: string;
  dateLabel: string;
  allowFuture: boolean;
  onEnd: (values: { on: string; reason: string }) => Promise<void>;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EndValues>();
  return (
    <FormModal<EndValues>
      title={title}
      form={form}
      initialValues={{ on: dayjs() }}
      okText={t('chambers.roster.end')}
      okTestId={testId}
      onClose={onClose}
      onSubmit={(values) => onEnd({ on: values.on.format('YYYY-MM-DD'), reason: values.reason.trim() })}
    >
      <Form.Item
        name="on"
        label={dateLabel}
        rules={[{ required: true, message: t('chambers.roster.dateRequired') }]}
      >
        <DatePicker disabledDate={allowFuture ? undefined : notAfterToday} />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('chambers.roster.reason')}
        rules={[
          { required: true, whitespace: true, message: t('chambers.roster.reasonRequired') },
          { max: 200, message: t('chambers.roster.reasonLength') },
        ]}
      >
        <Input.TextArea rows={2} maxLength={200} placeholder={t('chambers.roster.reasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

export function EndMemberModal({
  chamberId,
  member,
  onClose,
}: {
  chamberId: string;
  member: ChamberMemberView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshChambers();
  return (
    <EndModal
      title={t('chambers.roster.endMember', { name: member.enterpriseName })}
      dateLabel={t('chambers.roster.leftOn')}
      allowFuture={false}
      testId="end-member-save"
      onClose={onClose}
      onEnd={async ({ on, reason }) => {
        try {
          await endChamberMember(chamberId, member.enterpriseId, { leftOn: on, reason });
        } finally {
          await refresh();
        }
        void message.success(t('chambers.roster.memberEnded'));
      }}
    />
  );
}

export function EndLeaderModal({
  chamberId,
  leader,
  onClose,
}: {
  chamberId: string;
  leader: ChamberLeaderView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshChambers();
  return (
    <EndModal
      title={t('chambers.roster.endLeader', {
        name: leader.personName,
        role: t(`registry.leaderRole.${leader.role}`),
      })}
      dateLabel={t('chambers.roster.termEnd')}
      allowFuture
      testId="end-leader-save"
      onClose={onClose}
      onEnd={async ({ on, reason }) => {
        try {
          await endChamberLeader(chamberId, leader.id, { termEnd: on, reason });
        } finally {
          await refresh();
        }
        void message.success(t('chambers.roster.leaderEnded'));
      }}
    />
  );
}

/** A person the caller may see (a secretary: the people of their members and their leaders). */
/** A registry person chosen by typing part of their name (also used by the honours register). */
export function PersonPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['people', 'picker', q],
    queryFn: async () =>
      (await api.get<Page<PersonListItem>>('/people', { query: { q, pageSize: 20 } })).items,
    enabled: q.length > 0,
  });
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={t('chambers.roster.personPlaceholder')}
      notFoundContent={isFetching ? <Spin size="small" /> : q ? t('chambers.roster.personNone') : null}
      options={(data ?? []).map((person) => ({
        value: person.id,
        label: (
          <div className="picker-option">
            <div>{person.name}</div>
            <div className="picker-option-sub">
              {person.positions.map((p) => `${p.enterpriseName} ${p.position}`).join('；') ||
                person.orgUnitName}
            </div>
          </div>
        ),
      }))}
      optionLabelProp="label"
      data-testid="person-picker"
    />
  );
}

interface LeaderValues {
  personId: string;
  role: ChamberLeaderRole;
  termStart?: Dayjs | null;
  termEnd?: Dayjs | null;
}

export function AddLeaderModal({ chamberId, onClose }: { chamberId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshChambers();
  const [form] = Form.useForm<LeaderValues>();
  return (
    <FormModal<LeaderValues>
      title={t('chambers.roster.addLeader')}
      form={form}
      initialValues={{ termStart: dayjs() }}
      onClose={onClose}
      okTestId="add-leader-save"
      onSubmit={async (values) => {
        try {
          await addChamberLeader(chamberId, {
            personId: values.personId,
            role: values.role,
            termStart: day(values.termStart) ?? null,
            termEnd: day(values.termEnd) ?? null,
          });
        } finally {
          await refresh();
        }
        void message.success(t('chambers.roster.leaderAdded'));
      }}
    >
      <Form.Item
        name="personId"
        label={t('chambers.leaders.person')}
        extra={t('chambers.roster.personHint')}
        rules={[{ required: true, message: t('chambers.roster.personRequired') }]}
      >
        <PersonPicker />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('chambers.leaders.role')}
        rules={[{ required: true, message: t('chambers.roster.roleRequired') }]}
      >
        <Select<ChamberLeaderRole>
          data-testid="leader-role"
          options={CHAMBER_LEADER_ROLES.map((value) => ({ value, label: t(`registry.leaderRole.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="termStart" label={t('chambers.roster.termStart')}>
        <DatePicker />
      </Form.Item>
      <Form.Item
        name="termEnd"
        label={t('chambers.roster.termEnd')}
        dependencies={['termStart']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | null | undefined) => {
              const start = getFieldValue('termStart') as Dayjs | null | undefined;
              return value && start && value.isBefore(start, 'day')
                ? Promise.reject(new Error(t('chambers.roster.termOrder')))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <DatePicker />
      </Form.Item>
    </FormModal>
  );
}
