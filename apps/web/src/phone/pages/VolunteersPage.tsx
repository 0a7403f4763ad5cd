// 我的志愿者 the enterprise's own volunteers on the phone: who they are, whether party members, their teams
// and the hours of confirmed service (the federation and chambers record the activities).
import type { VolunteerView } from '@qinqing/shared';
import { phoneApi, type Page } from '../api.ts';
import { useResource } from '../hooks.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading } from './parts.tsx';

export function VolunteersPage() {
  const { t } = useLang();
  const volunteers = useResource<Page<VolunteerView> & { partyMembers: number }>('own-volunteers', () =>
    phoneApi.volunteers(),
  );

  let body;
  if (volunteers.error) body = <LoadFailed error={volunteers.error} onRetry={volunteers.reload} />;
  else if (!volunteers.data) body = <Loading />;
  else if (volunteers.data.items.length === 0)
    body = <p className="m-muted m-small">{t('volunteersNone')}</p>;
  else
    body = (
      <>
        <p className="m-small" data-testid="phone-volunteers-count">
          {t('volunteersCount', { count: volunteers.data.total, party: volunteers.data.partyMembers })}
        </p>
        <ul className="m-plain" data-testid="phone-volunteers">
          {volunteers.data.items.map((volunteer) => (
            <li key={volunteer.id} className="m-card m-form">
              <div className="m-row">
                <strong className="m-grow">{volunteer.name}</strong>
                {volunteer.partyMember && <span className="m-tag m-tag-act">{t('partyMember')}</span>}
              </div>
              <span className="m-muted m-small">
                {t('volunteerServed', { hours: volunteer.hoursServed, times: volunteer.timesServed })}
                {volunteer.teams.length > 0
                  ? ` · ${volunteer.teams.map((team) => team.name).join('、')}`
                  : ''}
              </span>
              {volunteer.skills.length > 0 && (
                <span className="m-muted m-small">{volunteer.skills.join('、')}</span>
              )}
            </li>
          ))}
        </ul>
      </>
    );

  return (
    <div className="m-page">
      <h1 className="m-title">{t('volunteersTitle')}</h1>
      <p className="m-muted m-small">{t('volunteersLead')}</p>
      {body}
    </div>
  );
}
