// Role codes as coloured tags: administrator roles stand out from business roles.
import { Flex, Tag } from 'antd';
import { ADMIN_ROLES, ROLES, type Role } from '@qinqing/shared';
import { useLabels } from '../i18n/labels.ts';

const ADMIN_COLORS: Record<string, string> = {
  system_admin: 'geekblue',
  security_admin: 'volcano',
  audit_admin: 'purple',
};

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function RoleTags({ roles, empty }: { roles: readonly string[]; empty?: string }) {
  const labels = useLabels();
  if (roles.length === 0) return <span className="muted">{empty ?? '—'}</span>;
  return (
    <Flex gap={4} wrap>
      {roles.map((role) => (
        <Tag
          key={role}
          color={(ADMIN_ROLES as readonly string[]).includes(role) ? ADMIN_COLORS[role] : 'blue'}
          variant="outlined"
        >
          {isRole(role) ? labels.role(role) : role}
        </Tag>
      ))}
    </Flex>
  );
}
