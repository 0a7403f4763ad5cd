// 活动 one event: what, who organises it, for whom; its figures (人次, persons, enterprises); its sessions,
// each with the QR code for the screen (a signed token the page renews before it expires); the
// registrations with a tick per session for those who run it (works on a phone), the completion
// certificate of a training class, the attendance sheet, the way to import an online session's list, a
// recurring program's totals over its years, and registration for those who may register.
import { QrcodeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  EVENT_ACTION_LABELS,
  EVENT_AUDIENCE_LABELS,
  EVENT_STATE_LABELS,
  REGISTRATION_STATUS_LABELS,
  type CheckInToken,
  type CheckInView,
  type EventAction,
  type EventLinksRequest,
  type EventSessionView,
  type EventView,
  type PersonView,
  type RegistrationRequest,
  type RegistrationView,
} from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { downloadFile } from '../../api/download.ts';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { BlockSpin } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonPicker } from '../chambers/RosterModals.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { checkInUrl, eventsQueryKey, newNonce, useCheckInToken, useEvent, useRegistrations } from './api.ts';
import { CampaignSelect, PolicySelect } from './LinkSelects.tsx';

const TOKEN_MINUTES = 30;

export function EventDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: event, error } = useEvent(id);
  const [qrSession, setQrSession] = useState<EventSessionView | null>(null);
  const [registering, setRegistering] = useState(false);
  const [linking, setLinking] = useState(false);
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (!event) return <BlockSpin />;
  const refresh = () => client.invalidateQueries({ queryKey: eventsQueryKey });
  const move = async (action: EventAction) => {
    try {
      await api.post(`/events/${event.id}/transitions`, { action, version: event.version });
      await refresh();
    } catch (failure) {
      void message.error(errorText(failure));
    }
  };
  return (
    <>
      <PageHeader
        title={event.title}
        extra={
          <Space wrap>
            {can('events.register') && event.state === 'open' ? (
              <Button type="primary" onClick={() => setRegistering(true)} data-testid="event-register">
                {t('events.register')}
              </Button>
            ) : null}
            {event.actions.map((action) => (
              <Button
                key={action}
                danger={action === 'cancel'}
                onClick={() => void move(action)}
                data-testid={`event-action-${action}`}
              >
                {EVENT_ACTION_LABELS[action]}
              </Button>
            ))}
            {event.manages ? (
              <Button
                onClick={() =>
                  void downloadFile(
                    `/events/${event.id}/attendance-sheet.xlsx`,
                    'attendance-sheet.xlsx',
                  ).catch((failure: unknown) => message.error(errorText(failure)))
                }
              >
                {t('events.attendanceSheet')}
              </Button>
            ) : null}
            {event.manages ? (
              <Link to={`/events/${event.id}/attendance-import`}>
                <Button data-testid="event-attendance-import">{t('events.import.open')}</Button>
              </Link>
            ) : null}
          </Space>
        }
      />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('events.fields.kind')}>{event.kindLabel}</Descriptions.Item>
        <Descriptions.Item label={t('events.fields.organizer')}>{event.organizer.name}</Descriptions.Item>
        <Descriptions.Item label={t('events.fields.state')}>
          <Tag data-testid="event-state">{EVENT_STATE_LABELS[event.state]}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('events.fields.audience')}>
          {EVENT_AUDIENCE_LABELS[event.audience.kind]}
          {event.audience.chamber ? `：${event.audience.chamber.name}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('events.fields.capacity')}>{event.capacity ?? '—'}</Descriptions.Item>
        {event.theme ? (
          <Descriptions.Item label={t('events.fields.theme')}>{event.theme}</Descriptions.Item>
        ) : null}
        {event.description ? (
          <Descriptions.Item label={t('events.fields.description')}>{event.description}</Descriptions.Item>
        ) : null}
        {event.policies.length > 0 || event.campaign || event.manages ? (
          <Descriptions.Item label={t('events.fields.policies')} span={2}>
            <Space wrap size={[4, 4]} data-testid="event-policies-linked">
              {event.policies.length === 0 ? t('events.links.none') : null}
              {event.policies.map((p) =>
                can('policies.read') ? (
                  <Link key={p.id} to={`/policies/${p.id}`}>
                    <Tag color="blue">{p.title}</Tag>
                  </Link>
                ) : (
                  <Tag key={p.id}>{p.title}</Tag>
                ),
              )}
              {event.manages ? (
                <Button
                  size="small"
                  type="link"
                  onClick={() => setLinking(true)}
                  data-testid="event-links-edit"
                >
                  {t('events.links.edit')}
                </Button>
              ) : null}
            </Space>
          </Descriptions.Item>
        ) : null}
        {event.campaign || event.manages ? (
          <Descriptions.Item label={t('events.fields.campaign')}>
            <span data-testid="event-campaign-linked">
              {!event.campaign ? (
                t('events.links.none')
              ) : can('donations.read') ? (
                <Link to={`/campaigns/${event.campaign.id}`}>{event.campaign.name}</Link>
              ) : (
                event.campaign.name
              )}
            </span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {event.program && event.programTotals ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="event-program-totals"
          message={t('events.program', {
            program: event.program,
            firstYear: event.programTotals.firstYear ?? '—',
            years: event.programTotals.years,
            events: event.programTotals.events,
            personTimes: event.programTotals.personTimes,
            persons: event.programTotals.persons,
          })}
        />
      ) : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {(
          [
            ['personTimes', event.figures.personTimes, 'event-person-times'],
            ['persons', event.figures.persons, 'event-persons'],
            ['enterprises', event.figures.enterprises, 'event-enterprises'],
            ['registered', event.registered, 'event-registered'],
            ['waitlisted', event.waitlisted, 'event-waitlisted'],
          ] as const
        ).map(([key, value, testId]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small" data-testid={testId}>
              <Statistic title={t(`events.figures.${key}`)} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('events.sessions')} style={{ marginBottom: 16 }}>
        <Table<EventSessionView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={event.sessions}
          scroll={{ x: 600 }}
          columns={[
            { title: '#', dataIndex: 'seq', width: 48 },
            {
              title: t('events.fields.time'),
              render: (_: unknown, s) =>
                `${formatDateTime(s.startsAt)} — ${formatDateTime(s.endsAt).slice(-5)}`,
            },
            { title: t('events.fields.place'), render: (_: unknown, s) => s.place ?? s.onlineUrl ?? '—' },
            {
              title: t('events.checkedIn'),
              dataIndex: 'attendance',
              align: 'right',
              render: (n: number, s) => <span data-testid={`session-${s.seq}-attendance`}>{n}</span>,
            },
            ...(event.manages
              ? [
                  {
                    title: '',
                    render: (_: unknown, s: EventSessionView) => (
                      <Button
                        size="small"
                        icon={<QrcodeOutlined />}
                        onClick={() => setQrSession(s)}
                        data-testid={`session-${s.seq}-qr`}
                      >
                        {t('events.showQr')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Registrations event={event} onChanged={refresh} />
      {qrSession ? <QrModal session={qrSession} onClose={() => setQrSession(null)} /> : null}
      {linking ? (
        <LinksModal
          event={event}
          onClose={() => setLinking(false)}
          onDone={async () => {
            void message.success(t('events.links.saved'));
            await refresh();
          }}
        />
      ) : null}
      {registering ? (
        <RegisterModal
          event={event}
          onClose={() => setRegistering(false)}
          onDone={async (registration) => {
            void message.success(
              registration.status === 'waitlisted' ? t('events.waitlistedOk') : t('events.registeredOk'),
            );
            await refresh();
          }}
        />
      ) : null}
    </>
  );
}

function QrModal({ session, onClose }: { session: EventSessionView; onClose: () => void }) {
  const { t } = useTranslation();
  const { data } = useCheckInToken(session.id);
  const [svg, setSvg] = useState<string | null>(null);
  const url = data ? checkInUrl(data.token) : null;
  useEffect(() => {
    if (!url) return;
    let live = true;
    void QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((text) => {
      if (live) setSvg(text);
    });
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <Modal
      open
      title={t('events.qrTitle', { seq: session.seq })}
      onCancel={onClose}
      footer={null}
      width={480}
    >
      {svg ? (
        <div
          data-testid="check-in-qr"
          style={{ width: 360, maxWidth: '100%', margin: '0 auto' }}
          // The SVG is generated here from our own URL by the qrcode package.
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : (
        <BlockSpin />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('events.qrHint', { minutes: TOKEN_MINUTES })}
      </Typography.Paragraph>
      {url ? (
        <Typography.Link
          href={url}
          target="_blank"
          data-testid="check-in-link"
          style={{ wordBreak: 'break-all' }}
        >
          {t('events.openLink')}
        </Typography.Link>
      ) : null}
    </Modal>
  );
}

function Registrations({ event, onChanged }: { event: EventView; onChanged: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, error } = useRegistrations(event.id);
  const [busy, setBusy] = useState<string | null>(null);
  const tick = async (registration: RegistrationView, session: EventSessionView) => {
    setBusy(`${registration.id}:${session.id}`);
    try {
      const { token } = await api.get<CheckInToken>(`/event-sessions/${session.id}/check-in-token`);
      await api.post<{ checkIn: CheckInView }>('/check-ins', {
        token,
        nonce: newNonce(),
        registrationId: registration.id,
      });
      void message.success(t('events.checkedInOk', { name: registration.personName }));
      await onChanged();
    } catch (failure) {
      void message.error(errorText(failure));
    } finally {
      setBusy(null);
    }
  };
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  return (
    <Card size="small" title={t('events.registrations')}>
      <Table<RegistrationView>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data ?? []}
        data-testid="registrations-table"
        scroll={{ x: 640 }}
        columns={[
          { title: t('events.personName'), dataIndex: 'personName' },
          { title: t('events.enterprise'), render: (_: unknown, r) => r.enterprise?.name ?? '—' },
          { title: t('events.post'), dataIndex: 'post', render: (v: string | null) => v ?? '' },
          { title: t('events.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? '' },
          {
            title: t('events.status'),
            render: (_: unknown, r) => (r.walkIn ? t('events.walkIn') : REGISTRATION_STATUS_LABELS[r.status]),
          },
          ...event.sessions.map((session) => ({
            title: t('events.session', { seq: session.seq }),
            render: (_: unknown, r: RegistrationView) =>
              r.checkedInSessionIds.includes(session.id) ? (
                <Tag color="green" data-testid={`checked-${r.personName}-${session.seq}`}>
                  {t('events.checkedIn')}
                </Tag>
              ) : event.manages && r.status !== 'cancelled' ? (
                <Button
                  size="small"
                  loading={busy === `${r.id}:${session.id}`}
                  onClick={() => void tick(r, session)}
                  data-testid={`tick-${r.personName}-${session.seq}`}
                >
                  {t('events.tick')}
                </Button>
              ) : (
                '—'
              ),
          })),
          ...(event.kind === 'training'
            ? [
                {
                  title: '',
                  render: (_: unknown, r: RegistrationView) =>
                    r.checkedInSessionIds.length === event.sessions.length ? (
                      <Button
                        size="small"
                        type="link"
                        onClick={() =>
                          void downloadFile(
                            `/event-registrations/${r.id}/certificate.docx`,
                            'certificate.docx',
                          ).catch((failure: unknown) => message.error(errorText(failure)))
                        }
                      >
                        {t('events.certificate')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

interface LinkValues {
  policyIds?: string[];
  campaignId?: string | null;
}

function LinksModal({
  event,
  onClose,
  onDone,
}: {
  event: EventView;
  onClose: () => void;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [form] = Form.useForm<LinkValues>();
  const policies = event.policies.map((p) => ({ value: p.id, label: p.title }));
  const campaign = event.campaign ? [{ value: event.campaign.id, label: event.campaign.name }] : [];
  return (
    <FormModal<LinkValues>
      title={t('events.links.title')}
      form={form}
      initialValues={{ policyIds: policies.map((p) => p.value), campaignId: event.campaign?.id ?? null }}
      onClose={onClose}
      onSubmit={async (values) => {
        const body: EventLinksRequest = {
          policyIds: values.policyIds ?? [],
          campaignId: values.campaignId ?? null,
        };
        await api.put(`/events/${event.id}/links`, body);
        await onDone();
      }}
      okTestId="event-links-save"
    >
      {can('policies.read') ? (
        <Form.Item name="policyIds" label={t('events.fields.policies')}>
          <PolicySelect known={policies} />
        </Form.Item>
      ) : null}
      {can('donations.read') ? (
        <Form.Item name="campaignId" label={t('events.fields.campaign')}>
          <CampaignSelect known={campaign} />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}

interface RegisterValues {
  personId?: string;
  personName: string;
  post?: string;
  mobile?: string;
  enterpriseId?: string;
}

function RegisterModal({
  event,
  onClose,
  onDone,
}: {
  event: EventView;
  onClose: () => void;
  onDone: (registration: RegistrationView) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RegisterValues>();
  return (
    <FormModal<RegisterValues>
      title={t('events.registerTitle')}
      form={form}
      onClose={onClose}
      onSubmit={async (values) => {
        const body: RegistrationRequest = {
          personId: values.personId || undefined,
          personName: values.personName,
          post: values.post || undefined,
          mobile: values.mobile || undefined,
          enterpriseId: values.enterpriseId || undefined,
        };
        const { registration } = await api.post<{ registration: RegistrationView }>(
          `/events/${event.id}/registrations`,
          body,
        );
        await onDone(registration);
      }}
      okTestId="register-save"
    >
      {event.manages ? (
        <Form.Item name="personId" label={t('events.registryPerson')}>
          <PersonPicker
            onChange={(personId) => {
              // Form.Item keeps the id; the registry's name and first post, for the person's registration (the mobile stays theirs).
              void api
                .get<{ person: PersonView }>(`/people/${personId}`)
                .then(({ person }) =>
                  form.setFieldsValue({ personName: person.name, post: person.positions[0]?.position }),
                );
            }}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="personName" label={t('events.personName')} rules={[{ required: true }]}>
        <Input maxLength={50} data-testid="register-name" />
      </Form.Item>
      <Form.Item name="post" label={t('events.post')}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="mobile" label={t('events.mobile')}>
        <Input maxLength={11} inputMode="numeric" data-testid="register-mobile" />
      </Form.Item>
      {event.manages ? (
        <Form.Item name="enterpriseId" label={t('events.enterprise')}>
          <EnterprisePicker />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
