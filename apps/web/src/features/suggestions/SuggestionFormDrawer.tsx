// Drafting a 建言 suggestion, or changing a draft, in a drawer: kind, title, the draft policy commented on,
// to whom it goes, the text and the appeals it was built from. The server's field errors go on the fields;
// a draft someone else changed meanwhile asks to reopen it.
import { useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  SUGGESTION_BODY_MAX,
  SUGGESTION_KINDS,
  type SuggestionKind,
  type SuggestionView,
} from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { createSuggestion, suggestionsQueryKey, updateSuggestion } from './api.ts';
import { AppealsPicker } from './AppealsPicker.tsx';
import '../enterprises/registry.css';

interface SuggestionFormValues {
  kind: SuggestionKind;
  title: string;
  policyTitle?: string;
  targetBody: string;
  body: string;
  appealIds: string[];
}

/** The bodies suggestions usually go to; any other is typed in. */
const TARGET_BODIES = ['区人民政府', '区人大常委会', '区政协', '区发展改革委', '区司法局'];

function initialValues(suggestion: SuggestionView | undefined): Partial<SuggestionFormValues> {
  if (!suggestion) return { kind: 'proposal', appealIds: [] };
  return {
    kind: suggestion.kind,
    title: suggestion.title,
    policyTitle: suggestion.policyTitle ?? undefined,
    targetBody: suggestion.targetBody,
    body: suggestion.body,
    appealIds: suggestion.appeals.map((appeal) => appeal.id),
  };
}

export function SuggestionFormDrawer({
  suggestion,
  onClose,
  onSaved,
}: {
  /** Absent: a new draft. */
  suggestion?: SuggestionView;
  onClose: () => void;
  onSaved?: (suggestion: SuggestionView) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SuggestionFormValues>();
  const kind = Form.useWatch('kind', form);

  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('common.required', { field }),
  });

  const save = async (values: SuggestionFormValues) => {
    const body = {
      kind: values.kind,
      title: values.title.trim(),
      policyTitle: values.kind === 'policy_comment' ? (values.policyTitle?.trim() ?? '') : null,
      targetBody: values.targetBody.trim(),
      body: values.body.trim(),
      appealIds: values.appealIds ?? [],
    };
    const saved = suggestion
      ? await updateSuggestion(suggestion.id, { ...body, version: suggestion.version })
      : await createSuggestion(body);
    await queryClient.invalidateQueries({ queryKey: suggestionsQueryKey });
    void message.success(suggestion ? t('suggestions.form.updated') : t('suggestions.form.created'));
    onSaved?.(saved);
  };

  return (
    <FormDrawer<SuggestionFormValues>
      size={720}
      title={
        suggestion
          ? t('suggestions.form.editTitle', { number: suggestion.number })
          : t('suggestions.form.createTitle')
      }
      form={form}
      initialValues={initialValues(suggestion)}
      onSubmit={save}
      onClose={onClose}
      failureAlert={(failure, message) =>
        message === null
          ? null
          : {
              title: message,
              description: isApiError(failure, 'VERSION_CONFLICT') ? t('suggestions.form.stale') : null,
            }
      }
      testId="suggestion-form"
      saveTestId="suggestion-save"
    >
      <Form.Item name="kind" label={t('suggestions.fields.kind')}>
        <Radio.Group
          optionType="button"
          options={SUGGESTION_KINDS.map((value) => ({ value, label: t(`suggestions.kind.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('suggestions.fields.title')}
        rules={[required(t('suggestions.fields.title'))]}
      >
        <Input maxLength={200} data-testid="suggestion-title" />
      </Form.Item>
      {kind === 'policy_comment' ? (
        <Form.Item
          name="policyTitle"
          label={t('suggestions.fields.policyTitle')}
          rules={[required(t('suggestions.fields.policyTitle'))]}
        >
          <Input maxLength={200} placeholder={t('suggestions.form.policyTitlePlaceholder')} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="targetBody"
        label={t('suggestions.fields.targetBody')}
        extra={t('suggestions.form.targetBodyHelp')}
        rules={[required(t('suggestions.fields.targetBody'))]}
      >
        <AutoComplete
          maxLength={100}
          options={TARGET_BODIES.map((value) => ({ value }))}
          showSearch={{
            filterOption: (input, option) => (option?.value ?? '').includes(input.trim()),
          }}
          data-testid="suggestion-target"
        />
      </Form.Item>
      <Form.Item
        name="body"
        label={t('suggestions.fields.body')}
        rules={[required(t('suggestions.fields.body'))]}
      >
        <Input.TextArea
          autoSize={{ minRows: 8, maxRows: 20 }}
          maxLength={SUGGESTION_BODY_MAX}
          showCount
          data-testid="suggestion-body"
        />
      </Form.Item>
      <Form.Item name="appealIds" label={t('suggestions.fields.appeals')}>
        <AppealsPicker initial={suggestion?.appeals ?? []} />
      </Form.Item>
    </FormDrawer>
  );
}
