// A person's standing as tags: 人大代表 / 政协委员 levels, roles in the federation's leadership, and
// whether a leadership role is held now (现任) or was held before (曾任).
import { Flex, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FederationRole, PersonListItem } from '@qinqing/shared';

export function DeputyTags({ person }: { person: Pick<PersonListItem, 'npcLevel' | 'cppccLevel'> }) {
  const { t } = useTranslation();
  if (!person.npcLevel && !person.cppccLevel) return <span className="muted">—</span>;
  return (
    <Space size={4} wrap>
      {person.npcLevel ? <Tag color="red">{t(`registry.npcLevel.${person.npcLevel}`)}</Tag> : null}
      {person.cppccLevel ? <Tag color="gold">{t(`registry.cppccLevel.${person.cppccLevel}`)}</Tag> : null}
    </Space>
  );
}

export function FederationRoleTags({ roles }: { roles: readonly FederationRole[] }) {
  const { t } = useTranslation();
  if (roles.length === 0) return <span className="muted">—</span>;
  return (
    <Flex gap={4} wrap>
      {roles.map((role) => (
        <Tag key={role} color="volcano">
          {t(`registry.federationRole.${role}`)}
        </Tag>
      ))}
    </Flex>
  );
}

export function ServingTag({ current }: { current: boolean }) {
  const { t } = useTranslation();
  return current ? (
    <Tag color="green">{t('people.detail.serving')}</Tag>
  ) : (
    <Tag>{t('people.detail.former')}</Tag>
  );
}
