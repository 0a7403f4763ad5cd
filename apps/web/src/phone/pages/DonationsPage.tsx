// 我的捐赠 the enterprise's own donations on the phone: reporting one — cash, goods with their items, quantity
// and value, services, a rent reduction — with a photo of its evidence (a bank slip, the goods handed over),
// pending until federation staff confirm it; and the list of what it gave, with each one's state.
// Words are the phone's own (the shared labels sit in a module holding zod, which the phone never loads).
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type {
  CreateDonationRequest,
  CurrentUser,
  DonationChannel,
  DonationKind,
  DonationState,
  DonationSummary,
} from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { errorText, useResource, useToast } from '../hooks.ts';
import { preparePhoto } from '../photos.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading, TextField, FormEnd } from './parts.tsx';

type Pair = readonly [zh: string, en: string];
const KIND_WORDS: Record<DonationKind, Pair> = {
  cash: ['捐款', 'Cash'],
  goods: ['捐物', 'Goods'],
  services: ['捐服务', 'Services'],
  rent_reduction: ['减免租金', 'Rent reduction'],
};
const CHANNEL_WORDS: Record<DonationChannel, Pair> = {
  direct: ['直接捐赠', 'Directly'],
  foundation: ['通过基金会', 'Through a foundation'],
  charity: ['通过慈善组织', 'Through a charity'],
};
const STATE_WORDS: Record<DonationState, Pair> = {
  pledged: ['待工商联确认', 'Awaiting confirmation'],
  received: ['已确认到账', 'Confirmed'],
  acknowledged: ['已出具捐赠证明', 'Acknowledged'],
  voided: ['已作废', 'Voided'],
};
const STATE_TONE: Record<DonationState, string> = {
  pledged: 'm-tag-wait',
  received: 'm-tag-act',
  acknowledged: 'm-tag-done',
  voided: 'm-tag-off',
};

interface ItemRow {
  name: string;
  quantity: string;
  unit: string;
  value: string;
}
const emptyItem = (): ItemRow => ({ name: '', quantity: '', unit: '', value: '' });
const today = () => new Date().toLocaleDateString('sv-SE');

export function DonationsPage({ user }: { user: CurrentUser }) {
  const { t, lang } = useLang();
  const toast = useToast();
  const word = (pair: Pair) => pair[lang === 'en' ? 1 : 0];
  const donations = useResource('own-donations', () => phoneApi.donations());
  const campaigns = useResource('campaigns', () => phoneApi.campaigns());
  const [kind, setKind] = useState<DonationKind>('cash');
  const [campaignId, setCampaignId] = useState('');
  const [amount, setAmount] = useState('');
  const [items, setItems] = useState<ItemRow[]>([emptyItem()]);
  const [rentTenants, setRentTenants] = useState('');
  const [rentMonths, setRentMonths] = useState('');
  const [donatedOn, setDonatedOn] = useState(today);
  const [channel, setChannel] = useState<DonationChannel>('direct');
  const [channelName, setChannelName] = useState('');
  const [recipient, setRecipient] = useState('');
  const [directed, setDirected] = useState(false);
  const [directedTo, setDirectedTo] = useState('');
  const [receiptNumber, setReceiptNumber] = useState('');
  const [evidence, setEvidence] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const setItem = (index: number, field: keyof ItemRow, value: string) =>
    setItems((previous) => previous.map((item, i) => (i === index ? { ...item, [field]: value } : item)));

  function body(): CreateDonationRequest {
    const request: CreateDonationRequest = {
      donorEnterpriseId: user.enterpriseId!,
      kind,
      donatedOn,
      channel,
      ...(campaignId ? { campaignId } : {}),
      ...(amount.trim() ? { amount: amount.trim() } : {}),
      ...(channel !== 'direct' && channelName.trim() ? { channelName: channelName.trim() } : {}),
      ...(recipient.trim() ? { recipient: recipient.trim() } : {}),
      ...(directed ? { directed: true, directedTo: directedTo.trim() } : {}),
      ...(receiptNumber.trim() ? { receiptNumber: receiptNumber.trim() } : {}),
    };
    if (kind === 'goods') {
      request.items = items
        .filter((item) => item.name.trim() || item.quantity.trim())
        .map((item) => ({
          name: item.name.trim(),
          // A blank or unreadable quantity goes as 0, which the server refuses naming the item.
          quantity: Number(item.quantity) || 0,
          ...(item.unit.trim() ? { unit: item.unit.trim() } : {}),
          ...(item.value.trim() ? { value: item.value.trim() } : {}),
        }));
    }
    if (kind === 'rent_reduction') {
      request.rentTenants = Number(rentTenants) || 0;
      request.rentMonths = Number(rentMonths) || 0;
    }
    return request;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!user.enterpriseId) return;
    setBusy(true);
    setError(null);
    try {
      const { donation } = await phoneApi.reportDonation(body());
      let evidenceFailed = false;
      if (evidence) {
        try {
          const prepared = await preparePhoto(evidence);
          await phoneApi.addDonationEvidence(donation.id, prepared.blob, prepared.fileName);
        } catch {
          evidenceFailed = true;
        }
      }
      toast(evidenceFailed ? t('donationEvidenceFailed') : t('donationReported'));
      setAmount('');
      setItems([emptyItem()]);
      setRentTenants('');
      setRentMonths('');
      setRecipient('');
      setDirected(false);
      setDirectedTo('');
      setReceiptNumber('');
      setEvidence(null);
      donations.reload();
    } catch (failure) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  async function addEvidence(donation: DonationSummary, event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const prepared = await preparePhoto(file);
      await phoneApi.addDonationEvidence(donation.id, prepared.blob, prepared.fileName);
      toast(t('donationEvidenceAdded'));
    } catch (failure) {
      toast(errorText(failure, t));
    }
  }

  return (
    <div className="m-page">
      <h1 className="m-title">{t('donationsTitle')}</h1>
      <p className="m-muted m-small">{t('donationsLead')}</p>
      <form
        className="m-card m-form"
        onSubmit={(event) => void submit(event)}
        noValidate
        data-testid="phone-donation-form"
      >
        <label className="m-field">
          <span>{t('donationKind')}</span>
          <select
            className="m-input"
            value={kind}
            onChange={(event) => setKind(event.target.value as DonationKind)}
            data-testid="phone-donation-kind"
          >
            {(Object.keys(KIND_WORDS) as DonationKind[]).map((value) => (
              <option key={value} value={value}>
                {word(KIND_WORDS[value])}
              </option>
            ))}
          </select>
        </label>
        <label className="m-field">
          <span>{t('donationCampaign')}</span>
          <select
            className="m-input"
            value={campaignId}
            onChange={(event) => setCampaignId(event.target.value)}
            data-testid="phone-donation-campaign"
          >
            <option value="">{t('donationNoCampaign')}</option>
            {(campaigns.data?.items ?? []).map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </label>
        {kind === 'goods' && (
          <div className="m-field" data-testid="phone-donation-items">
            <span>{t('donationItems')}</span>
            {items.map((item, index) => (
              <div key={index} className="m-card m-form">
                <input
                  className="m-input"
                  placeholder={t('donationItemName')}
                  value={item.name}
                  maxLength={100}
                  onChange={(event) => setItem(index, 'name', event.target.value)}
                  data-testid={`phone-donation-item-name-${index}`}
                />
                <div className="m-row m-gap">
                  <input
                    className="m-input m-grow"
                    inputMode="decimal"
                    placeholder={t('donationItemQuantity')}
                    value={item.quantity}
                    onChange={(event) => setItem(index, 'quantity', event.target.value)}
                    data-testid={`phone-donation-item-quantity-${index}`}
                  />
                  <input
                    className="m-input m-grow"
                    placeholder={t('donationItemUnit')}
                    value={item.unit}
                    maxLength={10}
                    onChange={(event) => setItem(index, 'unit', event.target.value)}
                  />
                </div>
                <input
                  className="m-input"
                  inputMode="decimal"
                  placeholder={t('donationItemValue')}
                  value={item.value}
                  onChange={(event) => setItem(index, 'value', event.target.value)}
                  data-testid={`phone-donation-item-value-${index}`}
                />
                {items.length > 1 && (
                  <button
                    type="button"
                    className="m-button"
                    onClick={() => setItems((previous) => previous.filter((_, i) => i !== index))}
                  >
                    {t('donationRemoveItem')}
                  </button>
                )}
              </div>
            ))}
            <button
              type="button"
              className="m-button"
              onClick={() => setItems((previous) => [...previous, emptyItem()])}
              data-testid="phone-donation-add-item"
            >
              {t('donationAddItem')}
            </button>
          </div>
        )}
        <label className="m-field">
          <span>{kind === 'cash' ? t('donationAmount') : t('donationValuation')}</span>
          {kind === 'goods' && <small className="m-muted">{t('donationValuationHelp')}</small>}
          <input
            className="m-input"
            inputMode="decimal"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            data-testid="phone-donation-amount"
          />
        </label>
        {kind === 'rent_reduction' && (
          <div className="m-row m-gap">
            <label className="m-field m-grow">
              <span>{t('donationRentTenants')}</span>
              <input
                className="m-input"
                inputMode="numeric"
                value={rentTenants}
                onChange={(event) => setRentTenants(event.target.value)}
              />
            </label>
            <label className="m-field m-grow">
              <span>{t('donationRentMonths')}</span>
              <input
                className="m-input"
                inputMode="numeric"
                value={rentMonths}
                onChange={(event) => setRentMonths(event.target.value)}
              />
            </label>
          </div>
        )}
        <TextField
          label={t('donationDate')}
          type="date"
          value={donatedOn}
          max={today()}
          onChange={setDonatedOn}
          data-testid="phone-donation-date"
        />
        <label className="m-field">
          <span>{t('donationChannel')}</span>
          <select
            className="m-input"
            value={channel}
            onChange={(event) => setChannel(event.target.value as DonationChannel)}
            data-testid="phone-donation-channel"
          >
            {(Object.keys(CHANNEL_WORDS) as DonationChannel[]).map((value) => (
              <option key={value} value={value}>
                {word(CHANNEL_WORDS[value])}
              </option>
            ))}
          </select>
        </label>
        {channel !== 'direct' && (
          <TextField
            label={t('donationChannelName')}
            value={channelName}
            maxLength={100}
            onChange={setChannelName}
          />
        )}
        <TextField
          label={t('donationRecipient')}
          value={recipient}
          maxLength={100}
          onChange={setRecipient}
          data-testid="phone-donation-recipient"
        />
        <label className="m-row m-gap">
          <input
            type="checkbox"
            checked={directed}
            onChange={(event) => setDirected(event.target.checked)}
            data-testid="phone-donation-directed"
          />
          <span className="m-small">{t('donationDirected')}</span>
        </label>
        {directed && (
          <TextField
            label={t('donationDirectedTo')}
            value={directedTo}
            maxLength={100}
            onChange={setDirectedTo}
            data-testid="phone-donation-directed-to"
          />
        )}
        <TextField
          label={t('donationReceipt')}
          value={receiptNumber}
          maxLength={50}
          onChange={setReceiptNumber}
        />
        <div className="m-field">
          <span>{t('donationEvidence')}</span>
          <small className="m-muted">{evidence ? evidence.name : t('donationEvidenceHelp')}</small>
          <label className="m-button">
            {t('takePhoto')}
            <input
              className="m-hidden-input"
              type="file"
              accept="image/*,application/pdf"
              onChange={(event) => {
                setEvidence(event.target.files?.[0] ?? null);
                event.target.value = '';
              }}
              data-testid="phone-donation-evidence"
            />
          </label>
        </div>
        <FormEnd error={error} busy={busy} label={t('donationSubmit')} testId="phone-donation" />
      </form>
      <h2 className="m-subtitle">{t('donationsMine')}</h2>
      {donations.error ? (
        <LoadFailed error={donations.error} onRetry={donations.reload} />
      ) : !donations.data ? (
        <Loading />
      ) : donations.data.items.length === 0 ? (
        <p className="m-muted m-small">{t('donationsNone')}</p>
      ) : (
        <>
          <p className="m-small" data-testid="phone-donations-confirmed">
            {t('donationsConfirmed', {
              count: donations.data.confirmed.count,
              amount: donations.data.confirmed.amount,
            })}
          </p>
          <ul className="m-plain" data-testid="phone-donations">
            {donations.data.items.map((donation) => (
              <li key={donation.id} className="m-card m-form" data-testid={`phone-donation-${donation.id}`}>
                <div className="m-row">
                  <strong className="m-grow">
                    {word(KIND_WORDS[donation.kind])} {donation.amount} {t('yuan')}
                  </strong>
                  <span className={`m-tag ${STATE_TONE[donation.state]}`}>
                    {word(STATE_WORDS[donation.state])}
                  </span>
                </div>
                <span className="m-muted m-small">
                  {donation.donatedOn}
                  {donation.campaign ? ` · ${donation.campaign.name}` : ''}
                  {donation.directed ? ` · ${t('donationDirectedShort')}：${donation.directedTo ?? ''}` : ''}
                </span>
                {donation.state !== 'voided' && (
                  <label className="m-button">
                    {t('donationAddEvidence')}
                    <input
                      className="m-hidden-input"
                      type="file"
                      accept="image/*,application/pdf"
                      onChange={(event) => void addEvidence(donation, event)}
                    />
                  </label>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
