// 提诉求 raise an appeal from the phone: category, title, details and photos from the camera or the album.
// The appeal is raised once (an Idempotency-Key kept for this form: a retry after a lost answer gives the
// same appeal), then each photo is made smaller and uploaded onto it.
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { AppealCategoryView, CurrentUser } from '@qinqing/shared';
import { newKey, phoneApi } from '../api.ts';
import { takeEarly } from '../early.ts';
import { errorText, useResource, useToast } from '../hooks.ts';
import { eventWord } from '../labels.ts';
import { FORM_READY_MARK } from '../marks.ts';
import { preparePhoto } from '../photos.ts';
import { navigate } from '../router.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, TextField } from './parts.tsx';

const MAX_PHOTOS = 9;
const TITLE_MAX = 100;
const DESCRIPTION_MAX = 5000;

interface Photo {
  file: File;
  preview: string;
}

export function NewAppealPage({ user }: { user: CurrentUser }) {
  const { t, lang } = useLang();
  const toast = useToast();
  const categories = useResource(
    'categories',
    // Asked early, before anyone had signed in, it failed: ask again.
    () =>
      takeEarly<{ items: AppealCategoryView[] }>('categories')?.catch(() => phoneApi.categories()) ??
      phoneApi.categories(),
  );
  const [category, setCategory] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const idempotencyKey = useRef(newKey());
  const raisedId = useRef<string | null>(null);

  const ready = categories.data !== undefined;
  // The moment the form can be used, for bench/phone-first-load.ts (time to interactive on a slow phone).
  useEffect(() => {
    if (ready) performance.mark(FORM_READY_MARK);
  }, [ready]);

  // Previews are object URLs: given back when the page closes.
  const photosRef = useRef(photos);
  photosRef.current = photos;
  useEffect(() => () => photosRef.current.forEach((photo) => URL.revokeObjectURL(photo.preview)), []);

  function addPhotos(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])].filter(
      (file) => file.type.startsWith('image/') || !file.type,
    );
    event.target.value = '';
    setPhotos((previous) =>
      [...previous, ...files.map((file) => ({ file, preview: URL.createObjectURL(file) }))].slice(
        0,
        MAX_PHOTOS,
      ),
    );
  }

  function removePhoto(index: number) {
    setPhotos((previous) => {
      URL.revokeObjectURL(previous[index]!.preview);
      return previous.filter((_, i) => i !== index);
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!category) return setError(t('required', { what: t('category') }));
    if (!title.trim()) return setError(t('required', { what: t('title') }));
    if (title.trim().length > TITLE_MAX) return setError(t('tooLong', { what: t('title'), max: TITLE_MAX }));
    if (!description.trim()) return setError(t('required', { what: t('description') }));
    if (description.trim().length > DESCRIPTION_MAX)
      return setError(t('tooLong', { what: t('description'), max: DESCRIPTION_MAX }));
    if (!user.enterpriseId) return setError(t('unknownError'));
    setError(null);
    setBusy(t('submitting'));
    try {
      if (!raisedId.current) {
        const { appeal } = await phoneApi.raise(
          { enterpriseId: user.enterpriseId, category, title: title.trim(), description: description.trim() },
          idempotencyKey.current,
        );
        raisedId.current = appeal.id;
      }
      const appealId = raisedId.current;
      let failed = 0;
      for (const [index, photo] of photos.entries()) {
        setBusy(t('uploadingPhotos', { done: index + 1, total: photos.length }));
        try {
          const prepared = await preparePhoto(photo.file);
          await phoneApi.attach(appealId, prepared.blob, prepared.fileName);
        } catch {
          failed += 1;
        }
      }
      toast(failed > 0 ? t('photosFailed', { count: failed }) : eventWord('raise', lang));
      navigate(`/appeals/${appealId}`, { replace: true });
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(null);
    }
  }

  if (categories.error) return <LoadFailed error={categories.error} onRetry={categories.reload} />;
  const options = (categories.data?.items ?? [])
    .filter((item) => item.active)
    .sort((a, b) => a.sort - b.sort);

  return (
    <div className="m-page">
      <h1 className="m-title">{t('raiseTitle')}</h1>
      <p className="m-muted m-small">{t('raiseLead')}</p>
      <form
        className="m-card m-form"
        onSubmit={(event) => void submit(event)}
        noValidate
        data-testid="phone-appeal-form"
        data-ready={ready ? 'true' : 'false'}
      >
        <label className="m-field">
          <span>{t('category')}</span>
          <select
            className="m-input"
            value={category}
            onChange={(event) => setCategory(event.target.value)}
            data-testid="phone-appeal-category"
          >
            <option value="">{ready ? t('chooseCategory') : t('loading')}</option>
            {options.map((item) => (
              <option key={item.code} value={item.code}>
                {lang === 'en' ? item.nameEn : item.nameZh}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label={t('title')}
          value={title}
          maxLength={TITLE_MAX}
          placeholder={t('titlePlaceholder')}
          onChange={setTitle}
          data-testid="phone-appeal-title"
        />
        <label className="m-field">
          <span>{t('description')}</span>
          <textarea
            className="m-input m-textarea"
            value={description}
            maxLength={DESCRIPTION_MAX}
            rows={5}
            placeholder={t('descriptionPlaceholder')}
            onChange={(event) => setDescription(event.target.value)}
            data-testid="phone-appeal-description"
          />
        </label>
        <div className="m-field">
          <span>{t('photos')}</span>
          <small className="m-muted">{t('photosHelp', { max: MAX_PHOTOS })}</small>
          {photos.length > 0 && (
            <ul className="m-photos" data-testid="phone-appeal-photos">
              {photos.map((photo, index) => (
                <li key={photo.preview} className="m-photo">
                  <img src={photo.preview} alt="" />
                  <button
                    type="button"
                    className="m-photo-remove"
                    aria-label={t('removePhoto')}
                    onClick={() => removePhoto(index)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {photos.length < MAX_PHOTOS && (
            <div className="m-row m-gap">
              <label className="m-button m-grow">
                {t('takePhoto')}
                <input
                  className="m-hidden-input"
                  type="file"
                  accept="image/*"
                  capture="environment"
                  onChange={addPhotos}
                  data-testid="phone-appeal-camera"
                />
              </label>
              <label className="m-button m-grow">
                {t('choosePhotos')}
                <input
                  className="m-hidden-input"
                  type="file"
                  accept="image/*"
                  multiple
                  onChange={addPhotos}
                  data-testid="phone-appeal-album"
                />
              </label>
            </div>
          )}
        </div>
        {error && (
          <p className="m-error" role="alert" data-testid="phone-appeal-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="m-button m-button-primary"
          disabled={!ready || busy !== null}
          data-testid="phone-appeal-submit"
        >
          {busy ?? t('submit')}
        </button>
      </form>
    </div>
  );
}
