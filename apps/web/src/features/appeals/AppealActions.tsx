// What may be done to an appeal now: one button per action the server allows (allowedActions) and its
// dialog — a note, a reason or an answer; the forward dialog with each channel's deadlines for this
// category; the rating; the merge target. Every request carries the appeal's version; a conflict reloads it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RATING_CHANNELS,
  SATISFACTIONS,
  type AppealAction,
  type AppealTransitionRequest,
  type AppealView,
  type ChannelView,
  type RatingChannel,
  type Satisfaction,
} from '@qinqing/shared';
import { ApiError, isApiError } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { channelDeadlines, useChannels } from '../channels/api.ts';
import { useDebounced } from '../search/useDebounced.ts';
import {
  appealQueryKey,
  fetchAppeals,
  refreshAppeals,
  transitionAppeal,
  useAppealCategories,
} from './api.ts';
import { isEnterpriseContact } from './own-enterprise.ts';

/** The actions that move the appeal forward come first and stand out. */
const PRIMARY: ReadonlySet<AppealAction> = new Set([
  'mark_valid',
  'forward',
  'accept',
  'resolve',
  'confirm',
  'rate',
]);
const DANGER: ReadonlySet<AppealAction> = new Set(['mark_invalid', 'return']);

/** The actions whose dialog asks for one text, and which: an optional note, a reason or an answer. */
type AskAction =
  | 'mark_valid'
  | 'accept'
  | 'confirm'
  | 'mark_invalid'
  | 'return'
  | 'reopen'
  | 'reply'
  | 'resolve'
  | 'explain_unsolvable';
type Ask = 'note' | 'reason' | 'answer';
const ASKS: Record<AskAction, Ask> = {
  mark_valid: 'note',
  accept: 'note',
  confirm: 'note',
  mark_invalid: 'reason',
  return: 'reason',
  reopen: 'reason',
  reply: 'answer',
  resolve: 'answer',
  explain_unsolvable: 'answer',
};

const isAskAction = (action: AppealAction): action is AskAction => action in ASKS;

function askRequest(action: AskAction, version: number, text: string | undefined): AppealTransitionRequest {
  switch (action) {
    case 'mark_valid':
    case 'accept':
    case 'confirm':
      return { action, version, note: text };
    case 'mark_invalid':
    case 'return':
    case 'reopen':
      return { action, version, reason: text ?? '' };
    case 'reply':
    case 'resolve':
    case 'explain_unsolvable':
      return { action, version, note: text ?? '' };
  }
}

type Send = (body: AppealTransitionRequest) => Promise<void>;

/** Sends a transition and refreshes the appeal everywhere; a version conflict reloads it and says so. */
function useTransition(appeal: AppealView): Send {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return async (body) => {
    try {
      const next = await transitionAppeal(appeal.id, body);
      queryClient.setQueryData(appealQueryKey(appeal.id), next);
      void message.success(t(`appeals.done.${body.action}`));
      void refreshAppeals(queryClient);
    } catch (error) {
      if (isApiError(error, 'VERSION_CONFLICT')) {
        void queryClient.invalidateQueries({ queryKey: appealQueryKey(appeal.id) });
        throw new ApiError(error.status, error.code, t('appeals.actions.versionConflict'));
      }
      throw error;
    }
  };
}

export function AppealActions({ appeal }: { appeal: AppealView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<AppealAction | null>(null);
  const send = useTransition(appeal);
  const actions = [...appeal.allowedActions].sort((a, b) => Number(PRIMARY.has(b)) - Number(PRIMARY.has(a)));
  if (actions.length === 0) return null;
  const close = () => setOpen(null);
  return (
    <>
      <Space wrap data-testid="appeal-actions">
        {actions.map((action) => (
          <Button
            key={action}
            type={PRIMARY.has(action) ? 'primary' : 'default'}
            danger={DANGER.has(action)}
            onClick={() => setOpen(action)}
            data-testid={`appeal-action-${action}`}
          >
            {t(`appeals.action.${action}`)}
          </Button>
        ))}
      </Space>
      {open && isAskAction(open) ? (
        <AskDialog appeal={appeal} action={open} send={send} onClose={close} />
      ) : null}
      {open === 'forward' ? <ForwardDialog appeal={appeal} send={send} onClose={close} /> : null}
      {open === 'rate' ? <RateDialog appeal={appeal} send={send} onClose={close} /> : null}
      {open === 'merge' ? <MergeDialog appeal={appeal} send={send} onClose={close} /> : null}
    </>
  );
}

const LIMITS: Record<Ask, number> = { note: 500, reason: 500, answer: 2000 };

function AskDialog({
  appeal,
  action,
  send,
  onClose,
}: {
  appeal: AppealView;
  action: AskAction;
  send: Send;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text?: string }>();
  const ask = ASKS[action];
  const label = t(`appeals.ask.${action}`);
  return (
    <FormModal<{ text?: string }>
      title={t(`appeals.action.${action}`)}
      form={form}
      okText={t(`appeals.action.${action}`)}
      okTestId="appeal-dialog-confirm"
      onSubmit={async ({ text }) => {
        await send(askRequest(action, appeal.version, text?.trim() || undefined));
      }}
      onClose={onClose}
    >
      <Form.Item
        name="text"
        label={label}
        rules={
          ask === 'note'
            ? []
            : [{ required: true, whitespace: true, message: t('common.required', { field: label }) }]
        }
      >
        <Input.TextArea
          rows={ask === 'answer' ? 6 : 3}
          maxLength={LIMITS[ask]}
          showCount
          data-testid="appeal-dialog-text"
        />
      </Form.Item>
    </FormModal>
  );
}

function ChannelChoice({
  channel,
  category,
  busy,
}: {
  channel: ChannelView;
  category: string;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const { data: categories } = useAppealCategories();
  const deadlines = channelDeadlines(
    channel,
    category,
    categories?.find((item) => item.code === category),
  );
  // Nobody would receive a forward to a department without a liaison account, unless its channel posts
  // to a webhook: not offered (the server refuses it too, DEPARTMENT_HAS_NO_LIAISON), and said why.
  const unreachable = channel.liaisons.length === 0 && !channel.webhookSet;
  return (
    <div data-testid="forward-department">
      <Checkbox value={channel.department.id} disabled={busy || unreachable}>
        <div className="forward-choice">
          <Typography.Text strong>{channel.department.name}</Typography.Text>
          {channel.fromAbove ? (
            <Tag color="purple" data-testid="forward-from-above">
              {t('channels.fromAbove', { unit: channel.orgUnitName })}
            </Tag>
          ) : null}
          {busy ? <Tag className="forward-busy">{t('appeals.forward.already')}</Tag> : null}
          {channel.liaisons.length === 0 ? (
            <Tag color={unreachable ? 'warning' : 'default'} data-testid="forward-no-liaison">
              {t('appeals.forward.noLiaisonTag')}
            </Tag>
          ) : null}
          <div className="muted">
            {t('appeals.forward.liaisons')}：
            {channel.liaisons.length > 0
              ? channel.liaisons.map((liaison) => liaison.displayName).join('、')
              : t(unreachable ? 'appeals.forward.noLiaisonBlocked' : 'appeals.forward.noLiaisonWebhook')}
          </div>
          <div className="muted">
            {t('appeals.forward.deadlines', {
              respond: deadlines.respondDays ?? '—',
              resolve: deadlines.resolveDays ?? '—',
            })}
          </div>
        </div>
      </Checkbox>
    </div>
  );
}

function ForwardDialog({ appeal, send, onClose }: { appeal: AppealView; send: Send; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ departmentIds?: string[]; note?: string }>();
  const { data: channels, isPending } = useChannels();
  // A department already working this round's forward is not offered again.
  const busy = new Set(
    appeal.forwards
      .filter((forward) => forward.round === appeal.round && ['pending', 'accepted'].includes(forward.state))
      .map((forward) => forward.departmentId),
  );
  return (
    <FormModal<{ departmentIds?: string[]; note?: string }>
      title={t('appeals.action.forward')}
      form={form}
      width={640}
      okText={t('appeals.action.forward')}
      okTestId="appeal-dialog-confirm"
      onSubmit={async ({ departmentIds, note }) => {
        await send({
          action: 'forward',
          version: appeal.version,
          departmentIds: departmentIds ?? [],
          note: note?.trim() || undefined,
        });
      }}
      onClose={onClose}
    >
      {(channels ?? []).some((channel) => channel.active && channel.liaisons.length === 0) ? (
        <Alert
          type="warning"
          showIcon
          className="form-alert"
          title={t('appeals.forward.noLiaisonExplain')}
          data-testid="forward-no-liaison-explain"
        />
      ) : null}
      <Form.Item
        name="departmentIds"
        label={t('appeals.forward.departments')}
        rules={[{ required: true, type: 'array', min: 1, message: t('appeals.forward.pickOne') }]}
      >
        <Checkbox.Group className="forward-choices">
          {isPending ? <span className="muted">{t('common.loading')}</span> : null}
          {(channels ?? [])
            .filter((channel) => channel.active)
            .map((channel) => (
              <ChannelChoice
                key={channel.id}
                channel={channel}
                category={appeal.category}
                busy={busy.has(channel.department.id)}
              />
            ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="note" label={t('appeals.ask.forward')}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="appeal-dialog-text" />
      </Form.Item>
    </FormModal>
  );
}

interface RateValues {
  satisfaction?: Satisfaction;
  via?: RatingChannel;
  note?: string;
}

function RateDialog({ appeal, send, onClose }: { appeal: AppealView; send: Send; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<RateValues>();
  // Staff rate on the enterprise's behalf and say how they asked; the enterprise's own rating is self-service.
  const onBehalf = !isEnterpriseContact(user);
  return (
    <FormModal<RateValues>
      title={t('appeals.action.rate')}
      form={form}
      okText={t('appeals.action.rate')}
      okTestId="appeal-dialog-confirm"
      onSubmit={async ({ satisfaction, via, note }) => {
        await send({
          action: 'rate',
          version: appeal.version,
          satisfaction: satisfaction!,
          ...(onBehalf && via ? { via } : {}),
          note: note?.trim() || undefined,
        });
      }}
      onClose={onClose}
    >
      <Form.Item
        name="satisfaction"
        label={t('appeals.rate.question')}
        rules={[{ required: true, message: t('appeals.rate.pick') }]}
      >
        <Radio.Group>
          {SATISFACTIONS.map((value) => (
            <Radio key={value} value={value} data-testid={`rate-${value}`}>
              {t(`appeals.satisfaction.${value}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      {onBehalf ? (
        <Form.Item
          name="via"
          label={t('appeals.rate.via')}
          rules={[{ required: true, message: t('appeals.rate.pickVia') }]}
        >
          <Radio.Group>
            {RATING_CHANNELS.filter((via) => via !== 'self_service').map((via) => (
              <Radio key={via} value={via} data-testid={`rate-via-${via}`}>
                {t(`appeals.ratingChannel.${via}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('appeals.ask.rate')}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="appeal-dialog-text" />
      </Form.Item>
    </FormModal>
  );
}

function MergeDialog({ appeal, send, onClose }: { appeal: AppealView; send: Send; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ intoId?: string; note?: string }>();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const { data, isFetching } = useQuery({
    queryKey: ['appeals', 'merge-target', appeal.enterpriseId, q],
    queryFn: () =>
      fetchAppeals({
        q: q || undefined,
        enterpriseId: q ? undefined : appeal.enterpriseId,
        page: 1,
        pageSize: 10,
      }),
  });
  const targets = (data?.items ?? []).filter(
    (item) => item.id !== appeal.id && item.state !== 'merged' && item.state !== 'invalid',
  );
  return (
    <FormModal<{ intoId?: string; note?: string }>
      title={t('appeals.action.merge')}
      form={form}
      okText={t('appeals.action.merge')}
      okTestId="appeal-dialog-confirm"
      onSubmit={async ({ intoId, note }) => {
        await send({
          action: 'merge',
          version: appeal.version,
          intoId: intoId!,
          note: note?.trim() || undefined,
        });
      }}
      onClose={onClose}
    >
      <Typography.Paragraph type="secondary">{t('appeals.merge.explain')}</Typography.Paragraph>
      <Form.Item
        name="intoId"
        label={t('appeals.merge.target')}
        rules={[{ required: true, message: t('appeals.merge.pick') }]}
      >
        <Select<string>
          showSearch={{ filterOption: false, onSearch: setText }}
          loading={isFetching}
          placeholder={t('appeals.merge.placeholder')}
          options={targets.map((item) => ({
            value: item.id,
            label: `${item.number} ${item.title}（${item.enterpriseName}）`,
          }))}
          data-testid="merge-target"
        />
      </Form.Item>
      <Form.Item name="note" label={t('appeals.ask.merge')}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="appeal-dialog-text" />
      </Form.Item>
    </FormModal>
  );
}
