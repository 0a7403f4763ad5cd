// Labels for shared codes (roles, org unit kinds) in the chosen language.
import { useTranslation } from 'react-i18next';
import { ORG_UNIT_KIND_LABELS, ROLE_LABELS, type OrgUnitKind, type Role } from '@qinqing/shared';
import { labelLang } from './index.ts';

export function useLabels() {
  const { i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  return {
    lang,
    role: (role: Role) => ROLE_LABELS[role]?.[lang] ?? role,
    kind: (kind: OrgUnitKind) => ORG_UNIT_KIND_LABELS[kind]?.[lang] ?? kind,
  };
}
