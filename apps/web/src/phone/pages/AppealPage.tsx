// 诉求详情 one appeal on the phone: its state and progress in the one vocabulary, the departments' answers,
// photos (more may be added), rating and reopening when the server allows them, and the timeline.
import { useState, type ChangeEvent } from 'react';
import type { AppealState, AppealView, Satisfaction } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { errorText, useResource, useToast } from '../hooks.ts';
import {
  dateTime,
  doneWord,
  eventWord,
  SATISFACTION_CHOICES,
  satisfactionWord,
  stateWord,
  verbWord,
} from '../labels.ts';
import { preparePhoto } from '../photos.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading, StateTag } from './parts.tsx';

/** The way an appeal usually goes; a returned appeal waits where an accepted one does. */
const PATH: AppealState[] = [
  'submitted',
  'valid',
  'forwarded',
  'in_progress',
  'answered',
  'confirmed',
  'closed',
];

export function AppealPage({ id }: { id: string }) {
  const { t, lang } = useLang();
  const resource = useResource(`appeal:${id}`, () => phoneApi.appeal(id));
  const [fresh, setFresh] = useState<AppealView | null>(null);
  if (resource.error) return <LoadFailed error={resource.error} onRetry={resource.reload} />;
  const loaded = resource.data?.appeal;
  if (!loaded) return <Loading />;
  const appeal = fresh && fresh.version >= loaded.version ? fresh : loaded;
  const position = PATH.indexOf(appeal.state === 'returned' ? 'valid' : appeal.state);
  const answers = appeal.forwards.filter((forward) => forward.round === appeal.round && forward.answer);

  return (
    <div className="m-page" data-testid="phone-appeal">
      <section className="m-card">
        <div className="m-row">
          <h1 className="m-title m-grow">{appeal.title}</h1>
          <StateTag state={appeal.state} label={stateWord(appeal.state, lang)} />
        </div>
        <p className="m-muted m-small">
          {appeal.number} · {appeal.categoryName} · {t('received', { date: dateTime(appeal.receivedAt) })}
        </p>
        {appeal.state === 'invalid' && appeal.invalidReason && (
          <p>{t('invalidReason', { reason: appeal.invalidReason })}</p>
        )}
        {appeal.state === 'merged' && appeal.mergedIntoNumber && (
          <p>{t('mergedInto', { number: appeal.mergedIntoNumber })}</p>
        )}
        {appeal.satisfaction && (
          <p data-testid="phone-appeal-satisfaction">
            {t('satisfaction')}：{satisfactionWord(appeal.satisfaction, lang)}
          </p>
        )}
      </section>

      {position >= 0 && (
        <section className="m-card">
          <h2 className="m-subtitle">{t('progress')}</h2>
          <ol className="m-steps" data-testid="phone-appeal-progress">
            {PATH.map((state, index) => (
              <li
                key={state}
                className={
                  index < position
                    ? 'm-step m-step-done'
                    : index === position
                      ? 'm-step m-step-now'
                      : 'm-step'
                }
              >
                {index === position ? stateWord(appeal.state, lang) : stateWord(state, lang)}
              </li>
            ))}
          </ol>
        </section>
      )}

      {appeal.allowedActions.includes('rate') && <RatePanel appeal={appeal} onDone={setFresh} />}
      {appeal.allowedActions.includes('reopen') && <ReopenPanel appeal={appeal} onDone={setFresh} />}

      {answers.length > 0 && (
        <section className="m-card" data-testid="phone-appeal-answers">
          <h2 className="m-subtitle">{t('answers')}</h2>
          {answers.map((forward) => (
            <div key={forward.id} className="m-answer">
              <strong>{forward.departmentName}</strong>
              <p>{forward.answer}</p>
            </div>
          ))}
        </section>
      )}

      <section className="m-card">
        <h2 className="m-subtitle">{t('details')}</h2>
        <p className="m-pre">{appeal.description}</p>
      </section>

      <Attachments appeal={appeal} onAdded={resource.reload} />

      <section className="m-card">
        <h2 className="m-subtitle">{t('timeline')}</h2>
        <ol className="m-timeline" data-testid="phone-appeal-timeline">
          {[...appeal.events].reverse().map((event) => (
            <li key={event.id}>
              <div className="m-row">
                <strong className="m-grow">{eventWord(event.action, lang)}</strong>
                <span className="m-muted m-small">{dateTime(event.occurredAt)}</span>
              </div>
              {(event.departmentName || event.actorName) && (
                <div className="m-muted m-small">{event.departmentName ?? event.actorName}</div>
              )}
              {event.note && event.action !== 'attach' && <p className="m-pre m-small">{event.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function RatePanel({ appeal, onDone }: { appeal: AppealView; onDone: (appeal: AppealView) => void }) {
  const { t, lang } = useLang();
  const toast = useToast();
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!satisfaction) return setError(t('required', { what: t('satisfaction') }));
    setBusy(true);
    setError(null);
    try {
      const answer = await phoneApi.transition(appeal.id, {
        action: 'rate',
        version: appeal.version,
        satisfaction,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      toast(doneWord('rate', lang));
      onDone(answer.appeal);
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="m-card m-highlight" data-testid="phone-rate">
      <h2 className="m-subtitle">{t('rateTitle')}</h2>
      <div className="m-choices" role="radiogroup" aria-label={t('satisfaction')}>
        {SATISFACTION_CHOICES.map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={satisfaction === value}
            className={satisfaction === value ? 'm-choice m-choice-on' : 'm-choice'}
            onClick={() => setSatisfaction(value)}
            data-testid={`phone-rate-${value}`}
          >
            {satisfactionWord(value, lang)}
          </button>
        ))}
      </div>
      <textarea
        className="m-input m-textarea"
        rows={2}
        maxLength={500}
        placeholder={t('rateNote')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      {error && <p className="m-error">{error}</p>}
      <button
        type="button"
        className="m-button m-button-primary"
        disabled={busy}
        onClick={() => void submit()}
        data-testid="phone-rate-submit"
      >
        {verbWord('rate', lang)}
      </button>
    </section>
  );
}

function ReopenPanel({ appeal, onDone }: { appeal: AppealView; onDone: (appeal: AppealView) => void }) {
  const { t, lang } = useLang();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    if (!reason.trim()) return setError(t('required', { what: t('reopenReason') }));
    setBusy(true);
    setError(null);
    try {
      const answer = await phoneApi.transition(appeal.id, {
        action: 'reopen',
        version: appeal.version,
        reason: reason.trim(),
      });
      toast(doneWord('reopen', lang));
      setOpen(false);
      onDone(answer.appeal);
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button
        type="button"
        className="m-button"
        onClick={() => setOpen(true)}
        data-testid="phone-reopen-open"
      >
        {t('reopenTitle')} {verbWord('reopen', lang)}
      </button>
    );
  }
  return (
    <section className="m-card" data-testid="phone-reopen">
      <h2 className="m-subtitle">{t('reopenTitle')}</h2>
      {appeal.reopenUntil && (
        <p className="m-muted m-small">{t('reopenLead', { until: dateTime(appeal.reopenUntil) })}</p>
      )}
      <textarea
        className="m-input m-textarea"
        rows={3}
        maxLength={500}
        placeholder={t('reopenReason')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        data-testid="phone-reopen-reason"
      />
      {error && <p className="m-error">{error}</p>}
      <button
        type="button"
        className="m-button m-button-primary"
        disabled={busy}
        onClick={() => void submit()}
        data-testid="phone-reopen-submit"
      >
        {t('reopenSubmit')}
      </button>
    </section>
  );
}

function Attachments({ appeal, onAdded }: { appeal: AppealView; onAdded: () => void }) {
  const { t } = useLang();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = appeal.state !== 'invalid' && appeal.state !== 'merged';

  async function add(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const prepared = await preparePhoto(file);
      await phoneApi.attach(appeal.id, prepared.blob, prepared.fileName);
      toast(t('photoAdded'));
      onAdded();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  if (appeal.attachments.length === 0 && !open) return null;
  return (
    <section className="m-card">
      <h2 className="m-subtitle">{t('attachments')}</h2>
      {appeal.attachments.length > 0 && (
        <ul className="m-photos" data-testid="phone-appeal-attachments">
          {appeal.attachments.map((attachment) => {
            const url = `/api/appeals/${appeal.id}/attachments/${attachment.id}`;
            return (
              <li key={attachment.id} className="m-photo">
                {attachment.mediaType.startsWith('image/') ? (
                  <a href={url} target="_blank" rel="noreferrer">
                    <img src={url} alt={attachment.fileName} loading="lazy" />
                  </a>
                ) : (
                  <a className="m-file" href={url}>
                    {attachment.fileName}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && <p className="m-error">{error}</p>}
      {open && (
        <label className={busy ? 'm-button m-button-busy' : 'm-button'}>
          {busy ? t('loading') : t('addPhoto')}
          <input
            className="m-hidden-input"
            type="file"
            accept="image/*"
            capture="environment"
            disabled={busy}
            onChange={(event) => void add(event)}
            data-testid="phone-appeal-add-photo"
          />
        </label>
      )}
    </section>
  );
}
