// Small pieces the registry pages share: an enterprise's tags and its membership status as tags.
import { Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PREDEFINED_TAGS, type MembershipStatus } from '@qinqing/shared';
import { STATUS_COLORS } from './labels.ts';

export function EnterpriseTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return <span className="muted">—</span>;
  return (
    <Flex gap={4} wrap>
      {tags.map((tag) => (
        <Tag key={tag} color={(PREDEFINED_TAGS as readonly string[]).includes(tag) ? 'red' : undefined}>
          {tag}
        </Tag>
      ))}
    </Flex>
  );
}

export function MembershipStatusTag({ status }: { status: MembershipStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="membership-status">
      {t(`registry.membershipStatus.${status}`)}
    </Tag>
  );
}
