// 会员互助 on the phone: posting a supply (供) or a need (需), the enterprise's own posts with the candidates
// matched to each, its matches — accept or decline one the federation brokered; the other side's contact
// shows once both accepted — and the open supplies and needs of the board (never a contact).
// Words are the phone's own, here and in ../labels.ts (the shared labels sit in a module holding zod, which the
// phone never loads).
import { useState, type FormEvent } from 'react';
import type { AidCandidate, AidCategory, AidMatchView, AidPostView, AidSide } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { errorText, useResource, useToast } from '../hooks.ts';
import { AID_CATEGORY_WORDS, AID_POST_STATE_WORDS } from '../labels.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading, TextField, FormEnd } from './parts.tsx';

const SIDE_WORDS = { supply: ['供', 'Supply'], demand: ['需', 'Need'] } as const;
const PROXIMITY_WORDS: Record<AidCandidate['proximity'], readonly [string, string]> = {
  street: ['同街道', 'Same street'],
  district: ['同区县', 'Same district'],
  city: ['同城市', 'Same city'],
  province: ['同省', 'Same province'],
  far: ['外省', 'Elsewhere'],
};
const TITLE_MAX = 100;
const UNIT_MAX = 10;
const MATCH_WORDS = {
  proposed: ['待双方确认', 'Awaiting both'],
  accepted: ['双方已确认', 'Accepted'],
  fulfilled: ['对接完成', 'Fulfilled'],
  declined: ['已谢绝', 'Declined'],
} as const;

export function AidPage({ enterpriseId }: { enterpriseId: string | null }) {
  const { t, lang } = useLang();
  const toast = useToast();
  const word = (pair: readonly [string, string]) => pair[lang === 'en' ? 1 : 0];
  const matches = useResource<{ items: AidMatchView[] }>('aid-matches', () => phoneApi.aidMatches());
  const board = useResource<{ items: AidPostView[] }>('aid-board', () => phoneApi.aidBoard());
  const mine = useResource<{ items: AidPostView[] }>(`aid-mine-${enterpriseId ?? ''}`, () =>
    enterpriseId ? phoneApi.myAidPosts(enterpriseId) : Promise.resolve({ items: [] }),
  );
  const [shown, setShown] = useState<string | null>(null);

  async function act(match: AidMatchView, action: 'accept' | 'decline') {
    try {
      await phoneApi.aidTransition(match.id, { action, version: match.version });
      matches.reload();
    } catch (failure) {
      toast(errorText(failure, t));
    }
  }

  return (
    <div className="m-page">
      <h1 className="m-title">{t('aidTitle')}</h1>
      <p className="m-muted m-small">{t('aidLead')}</p>
      {enterpriseId && (
        <PostForm
          enterpriseId={enterpriseId}
          onPosted={(post) => {
            mine.reload();
            board.reload();
            setShown(post.id);
          }}
        />
      )}
      <h2 className="m-subtitle">{t('aidMine')}</h2>
      {mine.error ? (
        <LoadFailed error={mine.error} onRetry={mine.reload} />
      ) : !mine.data ? (
        <Loading />
      ) : mine.data.items.length === 0 ? (
        <p className="m-muted m-small">{t('aidNoneMine')}</p>
      ) : (
        <ul className="m-plain" data-testid="phone-aid-mine">
          {mine.data.items.map((post) => (
            <li key={post.id} className="m-card m-form" data-testid={`phone-aid-post-${post.id}`}>
              <span>
                【{word(SIDE_WORDS[post.side])}】<strong>{post.title}</strong>
              </span>
              <span className="m-muted m-small">
                {AID_CATEGORY_WORDS[post.category][lang]} · {post.quantity} {post.unit} ·{' '}
                {AID_POST_STATE_WORDS[post.state][lang]}
              </span>
              {post.state === 'open' &&
                (shown === post.id ? (
                  <Candidates postId={post.id} />
                ) : (
                  <button
                    type="button"
                    className="m-button m-button-small"
                    onClick={() => setShown(post.id)}
                    data-testid="phone-aid-candidates-open"
                  >
                    {t('aidCandidates')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      <h2 className="m-subtitle">{t('aidMatches')}</h2>
      {matches.error ? (
        <LoadFailed error={matches.error} onRetry={matches.reload} />
      ) : !matches.data ? (
        <Loading />
      ) : (
        <ul className="m-plain" data-testid="phone-aid-matches">
          {matches.data.items.map((match) => {
            const mine = match.supply.enterprise.id === enterpriseId ? 'supply' : 'demand';
            const other = mine === 'supply' ? match.demand : match.supply;
            const contact = mine === 'supply' ? match.demandContact : match.supplyContact;
            return (
              <li key={match.id} className="m-card m-form" data-testid={`phone-aid-match-${match.id}`}>
                <strong>
                  {other.enterprise.name}：{other.title}（{other.quantity} {other.unit}）
                </strong>
                <span className="m-muted m-small">{word(MATCH_WORDS[match.state])}</span>
                <span data-testid="phone-aid-contact">
                  {contact ? `${t('aidContact')}：${contact.name} ${contact.mobile ?? ''}` : t('aidMasked')}
                </span>
                {match.actions.includes('accept') && (
                  <button
                    type="button"
                    className="m-button m-button-primary"
                    onClick={() => void act(match, 'accept')}
                    data-testid="phone-aid-accept"
                  >
                    {t('aidAccept')}
                  </button>
                )}
                {match.actions.includes('decline') && (
                  <button type="button" className="m-button" onClick={() => void act(match, 'decline')}>
                    {t('aidDecline')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <h2 className="m-subtitle">{t('aidBoard')}</h2>
      {board.error ? (
        <LoadFailed error={board.error} onRetry={board.reload} />
      ) : !board.data ? (
        <Loading />
      ) : (
        <ul className="m-plain" data-testid="phone-aid-board">
          {board.data.items.map((post) => (
            <li key={post.id} className="m-card m-row">
              <span className="m-grow">
                【{word(SIDE_WORDS[post.side])}】{post.title}
              </span>
              <span className="m-muted m-small">
                {post.quantity} {post.unit}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The form to post a supply or a need for the contact's own enterprise. */
function PostForm({
  enterpriseId,
  onPosted,
}: {
  enterpriseId: string;
  onPosted: (post: AidPostView) => void;
}) {
  const { t, lang } = useLang();
  const toast = useToast();
  const [side, setSide] = useState<AidSide>('demand');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<AidCategory>('epidemic');
  const [quantity, setQuantity] = useState('');
  const [unit, setUnit] = useState('');
  const [place, setPlace] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const amount = Number(quantity.trim());
    if (!title.trim()) return setError(t('required', { what: t('aidWhat') }));
    if (!quantity.trim() || !Number.isFinite(amount) || amount <= 0)
      return setError(t('required', { what: t('aidQuantity') }));
    if (!unit.trim()) return setError(t('required', { what: t('aidUnit') }));
    setError(null);
    setBusy(true);
    try {
      const { post } = await phoneApi.aidPost({
        side,
        enterpriseId,
        title: title.trim(),
        category,
        quantity: amount,
        unit: unit.trim(),
        place: place.trim() || null,
        validUntil: validUntil || null,
        urgent,
      });
      toast(t('aidPosted'));
      setTitle('');
      setQuantity('');
      setPlace('');
      setValidUntil('');
      setUrgent(false);
      onPosted(post);
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="m-card m-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="phone-aid-form"
    >
      <h2 className="m-subtitle">{t('aidPostTitle')}</h2>
      <div className="m-choices m-choices-2" role="radiogroup" aria-label={t('aidSide')}>
        {(['demand', 'supply'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            role="radio"
            aria-checked={side === choice}
            className={`m-choice${side === choice ? ' m-choice-on' : ''}`}
            onClick={() => setSide(choice)}
            data-testid={`phone-aid-side-${choice}`}
          >
            {t(choice === 'supply' ? 'aidSideSupply' : 'aidSideDemand')}
          </button>
        ))}
      </div>
      <TextField
        label={t('aidWhat')}
        value={title}
        maxLength={TITLE_MAX}
        placeholder={t('aidWhatPlaceholder')}
        onChange={setTitle}
        data-testid="phone-aid-title"
      />
      <label className="m-field">
        <span>{t('aidCategory')}</span>
        <select
          className="m-input"
          value={category}
          onChange={(event) => setCategory(event.target.value as AidCategory)}
          data-testid="phone-aid-category"
        >
          {(Object.keys(AID_CATEGORY_WORDS) as AidCategory[]).map((code) => (
            <option key={code} value={code}>
              {AID_CATEGORY_WORDS[code][lang]}
            </option>
          ))}
        </select>
      </label>
      <div className="m-row m-gap">
        <label className="m-field m-grow">
          <span>{t('aidQuantity')}</span>
          <input
            className="m-input"
            inputMode="decimal"
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
            data-testid="phone-aid-quantity"
          />
        </label>
        <label className="m-field m-grow">
          <span>{t('aidUnit')}</span>
          <input
            className="m-input"
            value={unit}
            maxLength={UNIT_MAX}
            onChange={(event) => setUnit(event.target.value)}
            data-testid="phone-aid-unit"
          />
        </label>
      </div>
      <TextField
        label={t('aidPlace')}
        value={place}
        maxLength={100}
        onChange={setPlace}
        data-testid="phone-aid-place"
      />
      <TextField
        label={t('aidValidUntil')}
        type="date"
        value={validUntil}
        onChange={setValidUntil}
        data-testid="phone-aid-valid-until"
      />
      <label className="m-row m-gap">
        <input
          type="checkbox"
          checked={urgent}
          onChange={(event) => setUrgent(event.target.checked)}
          data-testid="phone-aid-urgent"
        />
        <span className="m-small">{t('aidUrgent')}</span>
      </label>
      <FormEnd error={error} busy={busy} label={t('aidSubmit')} testId="phone-aid" />
    </form>
  );
}

/** The open posts of the other side matched to one of the enterprise's posts (never with a contact). */
function Candidates({ postId }: { postId: string }) {
  const { t, lang } = useLang();
  const word = (pair: readonly [string, string]) => pair[lang === 'en' ? 1 : 0];
  const candidates = useResource<{ items: AidCandidate[] }>(`aid-candidates-${postId}`, () =>
    phoneApi.aidCandidates(postId),
  );
  if (candidates.error) return <LoadFailed error={candidates.error} onRetry={candidates.reload} />;
  if (!candidates.data) return <Loading />;
  if (candidates.data.items.length === 0) return <p className="m-muted m-small">{t('aidNoCandidates')}</p>;
  return (
    <div data-testid="phone-aid-candidates">
      <p className="m-muted m-small">{t('aidCandidatesLead')}</p>
      <ul className="m-plain">
        {candidates.data.items.map((candidate) => (
          <li key={candidate.id} className="m-form" data-testid="phone-aid-candidate">
            <span>
              {candidate.enterprise.name}：{candidate.title}（{candidate.quantity} {candidate.unit}）
            </span>
            <span className="m-muted m-small">
              {word(PROXIMITY_WORDS[candidate.proximity])}
              {candidate.commonWords.length > 0 &&
                ` · ${t('aidCommon')}：${candidate.commonWords.join('、')}`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
