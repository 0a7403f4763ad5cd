// 活动签到 the page a session's QR code opens (events, issue 16): anyone with the code checks in by the mobile
// number they registered with (a walk-in adds a name); signed in as one who runs the event, the registrations
// are listed to tick. Each attempt keeps its nonce until it succeeds, so a retry over a slow connection is
// answered the same check-in and never counted twice.
import { useState, type FormEvent } from 'react';
import type { CheckInView, RegistrationView } from '@qinqing/shared';
import { newKey, phoneApi } from '../api.ts';
import { errorText, useResource, useToast } from '../hooks.ts';
import { dateTime } from '../labels.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading, TextField } from './parts.tsx';

const nonceOf = () => newKey().replaceAll('-', '');

export function CheckInPage({ token }: { token: string }) {
  const { t } = useLang();
  const info = useResource(`check-in:${token}`, () => phoneApi.checkInSession(token));
  const runs = useResource(`check-in-runs:${info.data?.event.id ?? ''}`, async () =>
    info.data ? (await phoneApi.event(info.data.event.id).catch(() => null))?.event.manages === true : false,
  );
  if (info.error) return <LoadFailed error={info.error} onRetry={info.reload} />;
  if (!info.data) return <Loading />;
  const { event, session } = info.data;
  return (
    <div className="m-page" data-testid="phone-check-in">
      <h1 className="m-title">{t('checkInTitle')}</h1>
      <div className="m-card">
        <strong data-testid="check-in-event">{event.title}</strong>
        <div className="m-muted m-small">
          {event.organizer} · {t('sessionNo', { seq: session.seq })} · {dateTime(session.startsAt)}
          {session.place ? ` · ${session.place}` : ''}
        </div>
      </div>
      <SelfCheckIn token={token} />
      {runs.data ? <TickList token={token} eventId={event.id} sessionId={session.id} /> : null}
    </div>
  );
}

function SelfCheckIn({ token }: { token: string }) {
  const { t } = useLang();
  const [mobile, setMobile] = useState('');
  const [name, setName] = useState('');
  const [nonce, setNonce] = useState(nonceOf);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CheckInView | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { checkIn } = await phoneApi.checkIn({
        token,
        nonce,
        mobile: mobile.trim(),
        ...(name.trim() ? { personName: name.trim() } : {}),
      });
      setDone(checkIn);
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="m-card m-center" data-testid="check-in-done">
        <p className="m-title">✓ {t('checkedIn')}</p>
        <p>{t('checkedInAs', { name: done.personName })}</p>
        <button
          type="button"
          className="m-button"
          onClick={() => {
            setDone(null);
            setMobile('');
            setName('');
            setNonce(nonceOf());
          }}
        >
          {t('checkInAgain')}
        </button>
      </div>
    );
  }
  return (
    <form className="m-card m-form" onSubmit={(event) => void submit(event)} noValidate>
      <p className="m-muted m-small">{t('checkInLead')}</p>
      <TextField
        label={t('mobile')}
        inputMode="numeric"
        autoComplete="tel"
        maxLength={11}
        value={mobile}
        onChange={setMobile}
        data-testid="check-in-mobile"
      />
      <TextField label={t('checkInName')} maxLength={50} value={name} onChange={setName} />
      {error && (
        <p className="m-error" role="alert" data-testid="check-in-error">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="m-button m-button-primary"
        disabled={busy}
        data-testid="check-in-submit"
      >
        {busy ? t('checkingIn') : t('checkInSubmit')}
      </button>
    </form>
  );
}

function TickList({ token, eventId, sessionId }: { token: string; eventId: string; sessionId: string }) {
  const { t } = useLang();
  const toast = useToast();
  const list = useResource(`registrations:${eventId}`, () => phoneApi.registrations(eventId));
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  if (list.error) return <LoadFailed error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const words = search.trim();
  const shown = list.data.items.filter(
    (r: RegistrationView) =>
      r.status !== 'cancelled' &&
      (!words || r.personName.includes(words) || (r.mobile ?? '').includes(words)),
  );
  async function tick(registration: RegistrationView) {
    setBusy(registration.id);
    try {
      await phoneApi.checkIn({ token, nonce: nonceOf(), registrationId: registration.id });
      setTicked((previous) => new Set(previous).add(registration.id));
      toast(t('tickedOk', { name: registration.personName }));
    } catch (failure) {
      toast(errorText(failure, t));
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="m-card" data-testid="tick-list">
      <strong>{t('tickList')}</strong>
      <input
        className="m-input"
        placeholder={t('tickSearch')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <ul className="m-list">
        {shown.map((r) => {
          const done = ticked.has(r.id) || r.checkedInSessionIds.includes(sessionId);
          return (
            <li key={r.id} className="m-row m-list-item">
              <span className="m-grow m-clip">
                {r.personName}
                <span className="m-muted m-small"> {r.enterprise?.name ?? ''}</span>
              </span>
              {done ? (
                <span className="m-tag m-tag-done">{t('alreadyIn')}</span>
              ) : (
                <button
                  type="button"
                  className="m-button m-button-small"
                  disabled={busy === r.id}
                  onClick={() => void tick(r)}
                  data-testid={`phone-tick-${r.personName}`}
                >
                  {t('checkInSubmit')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
