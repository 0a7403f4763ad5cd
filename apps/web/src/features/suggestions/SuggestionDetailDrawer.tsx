// One 建言 suggestion in a drawer: what it says, to whom it went, the decision with its document reference,
// and the appeals it was built from; with the actions its status allows (edit and submit a draft, record or
// correct the decision) for those who may write.
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  List,
  Radio,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  needsDocumentRef,
  SUGGESTION_OUTCOMES,
  suggestionActionsFrom,
  type SuggestionOutcome,
  type SuggestionView,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../components/format.ts';
import { AppealStateTag } from '../appeals/AppealTags.tsx';
import { suggestionsQueryKey, transitionSuggestion, useSuggestion } from './api.ts';
import { SuggestionFormDrawer } from './SuggestionFormDrawer.tsx';
import { SuggestionKindTag, SuggestionStatusTag } from './SuggestionTags.tsx';
import './suggestions.css';

const DATE = 'YYYY-MM-DD';

interface SubmitValues {
  submittedOn: Dayjs;
  note?: string;
}

interface DecideValues {
  outcome: SuggestionOutcome;
  decidedOn: Dayjs;
  documentRef?: string;
  note?: string;
}

function SubmitModal({ suggestion, onClose }: { suggestion: SuggestionView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SubmitValues>();
  return (
    <FormModal<SubmitValues>
      title={t('suggestions.submitModal.title', { number: suggestion.number })}
      form={form}
      initialValues={{ submittedOn: dayjs() }}
      okText={t('suggestions.detail.submit')}
      okTestId="suggestion-submit-ok"
      onClose={onClose}
      onSubmit={async (values) => {
        try {
          await transitionSuggestion(suggestion.id, {
            action: 'submit',
            version: suggestion.version,
            submittedOn: values.submittedOn.format(DATE),
            note: values.note?.trim() || null,
          });
        } finally {
          // A stale version too: the next try needs the fresh record.
          await queryClient.invalidateQueries({ queryKey: suggestionsQueryKey });
        }
        void message.success(t('suggestions.submitModal.done'));
      }}
    >
      <Typography.Paragraph type="secondary">
        {t('suggestions.submitModal.explain', { target: suggestion.targetBody })}
      </Typography.Paragraph>
      <Form.Item
        name="submittedOn"
        label={t('suggestions.fields.submittedOn')}
        rules={[
          {
            required: true,
            message: t('common.selectRequired', { field: t('suggestions.fields.submittedOn') }),
          },
        ]}
      >
        <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="note" label={t('suggestions.fields.note')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}

function DecideModal({ suggestion, onClose }: { suggestion: SuggestionView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DecideValues>();
  const outcome = Form.useWatch('outcome', form);
  const submittedOn = dayjs(suggestion.submittedOn);
  const correcting = suggestion.decidedOn !== null;
  return (
    <FormModal<DecideValues>
      title={t(correcting ? 'suggestions.decideModal.correctTitle' : 'suggestions.decideModal.title', {
        number: suggestion.number,
      })}
      form={form}
      initialValues={
        correcting
          ? {
              outcome: suggestion.status as SuggestionOutcome,
              decidedOn: dayjs(suggestion.decidedOn),
              documentRef: suggestion.documentRef ?? undefined,
              note: suggestion.decisionNote ?? undefined,
            }
          : { outcome: 'adopted', decidedOn: dayjs() }
      }
      okTestId="suggestion-decide-ok"
      onClose={onClose}
      onSubmit={async (values) => {
        try {
          await transitionSuggestion(suggestion.id, {
            action: 'decide',
            version: suggestion.version,
            outcome: values.outcome,
            decidedOn: values.decidedOn.format(DATE),
            documentRef: values.documentRef?.trim() || null,
            note: values.note?.trim() || null,
          });
        } finally {
          await queryClient.invalidateQueries({ queryKey: suggestionsQueryKey });
        }
        void message.success(t('suggestions.decideModal.done'));
      }}
    >
      <Form.Item name="outcome" label={t('suggestions.fields.outcome')}>
        <Radio.Group
          optionType="button"
          options={SUGGESTION_OUTCOMES.map((value) => ({ value, label: t(`suggestions.status.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="decidedOn"
        label={t('suggestions.fields.decidedOn')}
        extra={t('suggestions.decideModal.dateHelp', { submittedOn: suggestion.submittedOn })}
        rules={[
          {
            required: true,
            message: t('common.selectRequired', { field: t('suggestions.fields.decidedOn') }),
          },
        ]}
      >
        <DatePicker disabledDate={(day) => day.isAfter(dayjs(), 'day') || day.isBefore(submittedOn, 'day')} />
      </Form.Item>
      <Form.Item
        name="documentRef"
        label={t('suggestions.fields.documentRef')}
        extra={t('suggestions.decideModal.documentRefHelp')}
        rules={
          outcome && needsDocumentRef(outcome)
            ? [
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('suggestions.fields.documentRef') }),
                },
              ]
            : []
        }
      >
        <Input maxLength={100} data-testid="suggestion-document-ref" />
      </Form.Item>
      <Form.Item name="note" label={t('suggestions.fields.decisionNote')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </FormModal>
  );
}

type Dialog = 'edit' | 'submit' | 'decide' | null;

export function SuggestionDetailDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data: suggestion, error, refetch } = useSuggestion(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const actions = suggestion && can('suggestions.write') ? suggestionActionsFrom(suggestion.status) : [];
  const editable = suggestion?.status === 'draft' && can('suggestions.write');

  return (
    <Drawer
      open
      size={760}
      title={suggestion ? t('suggestions.detail.title', { number: suggestion.number }) : t('common.loading')}
      onClose={onClose}
      destroyOnHidden
      data-testid="suggestion-detail"
      extra={
        suggestion ? (
          <Space>
            {editable ? (
              <Button onClick={() => setDialog('edit')} data-testid="suggestion-edit">
                {t('suggestions.detail.edit')}
              </Button>
            ) : null}
            {actions.includes('submit') ? (
              <Button type="primary" onClick={() => setDialog('submit')} data-testid="suggestion-submit">
                {t('suggestions.detail.submit')}
              </Button>
            ) : null}
            {actions.includes('decide') ? (
              <Button
                type={suggestion.status === 'submitted' ? 'primary' : 'default'}
                onClick={() => setDialog('decide')}
                data-testid="suggestion-decide"
              >
                {suggestion.status === 'submitted'
                  ? t('suggestions.detail.decide')
                  : t('suggestions.detail.correct')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {error && !suggestion ? <LoadError error={error} onRetry={() => void refetch()} /> : null}
      {!suggestion && !error ? <BlockSpin /> : null}
      {suggestion ? (
        <>
          <Typography.Title level={5}>{suggestion.title}</Typography.Title>
          <Descriptions size="small" column={2} bordered className="suggestion-facts">
            <Descriptions.Item label={t('suggestions.fields.kind')}>
              <SuggestionKindTag kind={suggestion.kind} />
            </Descriptions.Item>
            <Descriptions.Item label={t('suggestions.columns.status')}>
              <SuggestionStatusTag status={suggestion.status} />
            </Descriptions.Item>
            {suggestion.policyTitle ? (
              <Descriptions.Item label={t('suggestions.fields.policyTitle')} span={2}>
                {suggestion.policyTitle}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('suggestions.fields.targetBody')}>
              {suggestion.targetBody}
            </Descriptions.Item>
            <Descriptions.Item label={t('suggestions.fields.orgUnit')}>
              {suggestion.orgUnitName}
            </Descriptions.Item>
            <Descriptions.Item label={t('suggestions.fields.submittedOn')}>
              {suggestion.submittedOn ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('suggestions.fields.decidedOn')}>
              {suggestion.decidedOn ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('suggestions.fields.documentRef')} span={2}>
              {suggestion.documentRef ?? t('common.none')}
            </Descriptions.Item>
            {suggestion.decisionNote ? (
              <Descriptions.Item label={t('suggestions.fields.decisionNote')} span={2}>
                {suggestion.decisionNote}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('suggestions.fields.createdBy')}>
              {suggestion.createdBy?.name ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('suggestions.fields.createdAt')}>
              {formatDateTime(suggestion.createdAt)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} className="suggestion-section">
            {t('suggestions.fields.body')}
          </Typography.Title>
          <Typography.Paragraph className="suggestion-body" data-testid="suggestion-body-text">
            {suggestion.body}
          </Typography.Paragraph>
          <Typography.Title level={5} className="suggestion-section">
            {t('suggestions.fields.appeals')}
          </Typography.Title>
          {suggestion.appeals.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggestions.detail.noAppeals')} />
          ) : (
            <List
              size="small"
              dataSource={suggestion.appeals}
              renderItem={(appeal) => (
                <List.Item extra={<AppealStateTag state={appeal.state} />}>
                  <Space>
                    <Link to={`/appeals/${appeal.id}`} className="code-text">
                      {appeal.number}
                    </Link>
                    {appeal.title}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </>
      ) : null}
      {suggestion && dialog === 'edit' ? (
        <SuggestionFormDrawer suggestion={suggestion} onClose={() => setDialog(null)} />
      ) : null}
      {suggestion && dialog === 'submit' ? (
        <SubmitModal suggestion={suggestion} onClose={() => setDialog(null)} />
      ) : null}
      {suggestion && dialog === 'decide' ? (
        <DecideModal suggestion={suggestion} onClose={() => setDialog(null)} />
      ) : null}
    </Drawer>
  );
}
