// An enterprise contact's side of the service loop: they raise and follow their own enterprise's appeals.
// The registry shows a contact exactly their own enterprise, so the first item of their list is it.
import { useQuery } from '@tanstack/react-query';
import type { CurrentUser, EnterpriseListItem } from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export function isEnterpriseContact(user: CurrentUser): boolean {
  return user.roles.includes('enterprise_contact');
}

/** The contact's own enterprise (undefined while loading, null when the account is tied to none). */
export function useOwnEnterprise(enabled: boolean) {
  return useQuery({
    queryKey: ['enterprises', 'own'],
    queryFn: async () =>
      (await api.get<Page<EnterpriseListItem>>('/enterprises', { query: { pageSize: 1 } })).items[0] ?? null,
    enabled,
    staleTime: 5 * 60_000,
  });
}
