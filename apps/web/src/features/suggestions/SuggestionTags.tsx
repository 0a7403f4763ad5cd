// How a suggestion's kind and status look on the page: coloured tags in the chosen language.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SuggestionKind, SuggestionStatus } from '@qinqing/shared';

const STATUS_COLORS: Record<SuggestionStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  adopted: 'success',
  partly_adopted: 'cyan',
  not_adopted: 'orange',
};

export function SuggestionStatusTag({ status }: { status: SuggestionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="suggestion-status">
      {t(`suggestions.status.${status}`)}
    </Tag>
  );
}

export function SuggestionKindTag({ kind }: { kind: SuggestionKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'policy_comment' ? 'purple' : 'blue'}>{t(`suggestions.kind.${kind}`)}</Tag>;
}
