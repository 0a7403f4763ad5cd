// 我的活动 the enterprise contact's events (events, issue 16): those open to the enterprise from today on, and
// those it registered people to; on each, the enterprise's own registrations and a form to register more:
// one of the enterprise's people in the registry (name, post and mobile from there) or someone new.
import { useState, type FormEvent } from 'react';
import type { EventSummary, PersonListItem, RegistrationView } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { errorText, useResource, useToast } from '../hooks.ts';
import { dateTime } from '../labels.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading, TextField } from './parts.tsx';

/** A person's post in the contact's own enterprise (the one they are registered from). */
const postAt = (person: PersonListItem, enterpriseId: string | null) =>
  person.positions.find((p) => p.enterpriseId === enterpriseId)?.position ?? '';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export function EventsPage({ enterpriseId }: { enterpriseId: string | null }) {
  const { t } = useLang();
  const list = useResource('events', () => phoneApi.events(`from=${today()}&pageSize=50`));
  const [open, setOpen] = useState<string | null>(null);
  if (list.error) return <LoadFailed error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const items = [...list.data.items].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  return (
    <div className="m-page">
      <h1 className="m-title">{t('myEvents')}</h1>
      {items.length === 0 && <p className="m-empty">{t('noEvents')}</p>}
      <ul className="m-list" data-testid="phone-events">
        {items.map((event) => (
          <li key={event.id} className="m-card" data-testid="phone-event-item">
            <button
              type="button"
              className="m-list-item m-plain"
              onClick={() => setOpen(open === event.id ? null : event.id)}
              data-testid={`phone-event-${event.title}`}
            >
              <strong className="m-clip">{event.title}</strong>
              <div className="m-muted m-small">
                {event.kindLabel} · {event.organizer.name} · {dateTime(event.startsAt)}
              </div>
            </button>
            {open === event.id && <EventRegistrations event={event} enterpriseId={enterpriseId} />}
          </li>
        ))}
      </ul>
    </div>
  );
}

function EventRegistrations({ event, enterpriseId }: { event: EventSummary; enterpriseId: string | null }) {
  const { t } = useLang();
  const toast = useToast();
  const list = useResource(`registrations:${event.id}`, () => phoneApi.registrations(event.id));
  const people = useResource(`our-people:${enterpriseId}`, () =>
    enterpriseId ? phoneApi.ourPeople(enterpriseId) : Promise.resolve({ items: [] }),
  );
  const [personId, setPersonId] = useState('');
  const [name, setName] = useState('');
  const [post, setPost] = useState('');
  const [mobile, setMobile] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { registration } = await phoneApi.register(event.id, {
        personName: name.trim(),
        ...(personId ? { personId } : {}),
        ...(post.trim() ? { post: post.trim() } : {}),
        ...(mobile.trim() ? { mobile: mobile.trim() } : {}),
      });
      toast(
        t(registration.status === 'waitlisted' ? 'waitlistedOk' : 'registeredOk', {
          name: registration.personName,
        }),
      );
      setPersonId('');
      setName('');
      setPost('');
      setMobile('');
      list.reload();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }
  // Picking a registry person fills the fields from the registry; they stay editable (a post changes).
  function pick(id: string) {
    setPersonId(id);
    const person = (people.data?.items ?? []).find((p: PersonListItem) => p.id === id);
    setName(person?.name ?? '');
    setPost(person ? postAt(person, enterpriseId) : '');
    setMobile(person && !person.mobileMasked ? (person.mobile ?? '') : '');
  }
  return (
    <div>
      <p className="m-small">
        <strong>{t('ourRegistrations')}</strong>
      </p>
      {list.error ? <p className="m-error">{errorText(list.error, t)}</p> : null}
      <ul className="m-list" data-testid="phone-registrations">
        {(list.data?.items ?? []).map((r: RegistrationView) => (
          <li key={r.id} className="m-row">
            <span className="m-grow">{r.personName}</span>
            <span className="m-muted m-small">
              {r.status === 'waitlisted' ? t('waitlisted') : (r.post ?? '')}
            </span>
          </li>
        ))}
      </ul>
      {event.state === 'open' && (
        <form
          className="m-form"
          onSubmit={(e) => void submit(e)}
          noValidate
          data-testid="phone-register-form"
        >
          {(people.data?.items.length ?? 0) > 0 && (
            <label className="m-field">
              <span>{t('pickPerson')}</span>
              <select
                className="m-input"
                value={personId}
                onChange={(e) => pick(e.target.value)}
                data-testid="phone-register-person"
              >
                <option value="">{t('newPerson')}</option>
                {people.data!.items.map((person: PersonListItem) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                    {postAt(person, enterpriseId) ? ` · ${postAt(person, enterpriseId)}` : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          <TextField
            label={t('personName')}
            maxLength={50}
            value={name}
            onChange={setName}
            data-testid="phone-register-name"
          />
          <TextField label={t('post')} maxLength={50} value={post} onChange={setPost} />
          <TextField
            label={t('mobile')}
            inputMode="numeric"
            maxLength={11}
            value={mobile}
            onChange={setMobile}
            data-testid="phone-register-mobile"
          />
          {error && (
            <p className="m-error" role="alert">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="m-button m-button-primary"
            disabled={busy}
            data-testid="phone-register-submit"
          >
            {t('registerSubmit')}
          </button>
        </form>
      )}
    </div>
  );
}
