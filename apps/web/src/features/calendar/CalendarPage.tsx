// 工作日历 working-day calendar page: a year's twelve months with holidays and adjusted workdays marked;
// a calendar.manage holder edits the year's list (or clicks days in the months) and saves it whole.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  CALENDAR_DAY_KINDS,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  isWeekend,
  type CalendarDay,
  type CalendarYearView,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { applyFormErrors } from '../../components/errors.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useCalendarYear, useReplaceCalendarYear } from './api.ts';
import { MonthGrid } from './MonthGrid.tsx';
import { NoticeProblems, NoticeUpload } from './NoticeUpload.tsx';
import './calendar.css';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** A row of the edit list: any field may still be empty while it is being filled in. */
type EditedDay = Partial<CalendarDay>;

function yearOf(param: string | null): number {
  const year = Number(param);
  return Number.isInteger(year) && year >= CALENDAR_MIN_YEAR && year <= CALENDAR_MAX_YEAR
    ? year
    : dayjs().year();
}

function overridesOf(days: readonly EditedDay[]): Map<string, CalendarDay> {
  const map = new Map<string, CalendarDay>();
  for (const entry of days) {
    if (entry.day && entry.kind)
      map.set(entry.day, { day: entry.day, kind: entry.kind, name: entry.name ?? '' });
  }
  return map;
}

function YearEditor({ year, view }: { year: number; view: CalendarYearView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ days: EditedDay[] }>();
  const [error, setError] = useState<string | null>(null);
  const replace = useReplaceCalendarYear(year);
  const watched = Form.useWatch('days', form);
  const days = useMemo(() => watched ?? view.days, [watched, view.days]);
  const overrides = useMemo(() => overridesOf(days), [days]);
  const today = dayjs().format('YYYY-MM-DD');

  /** A click on a day: listed days are taken off the list; others are added with the kind their weekday needs. */
  const toggleDay = (day: string) => {
    const current: EditedDay[] = form.getFieldValue('days') ?? [];
    if (current.some((entry) => entry.day === day)) {
      form.setFieldValue(
        'days',
        current.filter((entry) => entry.day !== day),
      );
      return;
    }
    const lastName = [...current].reverse().find((entry) => entry.name)?.name;
    form.setFieldValue('days', [
      ...current,
      { day, kind: isWeekend(day) ? 'workday' : 'holiday', name: lastName },
    ]);
  };

  const save = async (values: { days: EditedDay[] }) => {
    setError(null);
    try {
      await replace.mutateAsync(values.days as CalendarDay[]);
      void message.success(t('calendar.saved', { year }));
    } catch (failure) {
      setError(applyFormErrors(form, failure));
    }
  };

  return (
    <>
      <MonthsView year={year} overrides={overrides} today={today} onDayClick={toggleDay} />
      <Card
        className="calendar-editor"
        title={t('calendar.editTitle', { year })}
        extra={<span className="muted">{t('calendar.editHelp')}</span>}
      >
        {error ? <Alert className="form-alert" type="error" showIcon title={error} /> : null}
        <Form form={form} initialValues={{ days: view.days }} onFinish={(values) => void save(values)}>
          <Form.List name="days">
            {(fields, { add, remove }) => (
              <>
                <div className="calendar-editor-rows">
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline" wrap>
                      <Form.Item
                        name={[field.name, 'day']}
                        rules={[
                          {
                            required: true,
                            message: t('common.selectRequired', { field: t('calendar.day') }),
                          },
                        ]}
                        getValueProps={(value: string | undefined) => ({
                          value: value ? dayjs(value) : undefined,
                        })}
                        normalize={(value: Dayjs | null) => value?.format('YYYY-MM-DD')}
                      >
                        <DatePicker
                          placeholder={t('calendar.day')}
                          minDate={dayjs(`${year}-01-01`)}
                          maxDate={dayjs(`${year}-12-31`)}
                          defaultPickerValue={dayjs(`${year}-01-01`)}
                          allowClear={false}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'kind']}
                        rules={[
                          {
                            required: true,
                            message: t('common.selectRequired', { field: t('calendar.kind') }),
                          },
                        ]}
                      >
                        <Select
                          style={{ width: 130 }}
                          placeholder={t('calendar.kind')}
                          options={CALENDAR_DAY_KINDS.map((kind) => ({
                            value: kind,
                            label: t(`calendar.kinds.${kind}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'name']}
                        rules={[
                          {
                            required: true,
                            whitespace: true,
                            message: t('common.required', { field: t('calendar.name') }),
                          },
                        ]}
                      >
                        <Input placeholder={t('calendar.namePlaceholder')} maxLength={32} />
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        title={t('common.delete')}
                        onClick={() => remove(field.name)}
                      />
                    </Space>
                  ))}
                </div>
                <Flex gap={8}>
                  <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'holiday' })}>
                    {t('calendar.addDay')}
                  </Button>
                  <Button
                    type="primary"
                    htmlType="submit"
                    loading={replace.isPending}
                    data-testid="calendar-save"
                  >
                    {t('common.save')}
                  </Button>
                </Flex>
              </>
            )}
          </Form.List>
        </Form>
      </Card>
    </>
  );
}

function MonthsView({
  year,
  overrides,
  today,
  onDayClick,
}: {
  year: number;
  overrides: ReadonlyMap<string, CalendarDay>;
  today: string;
  onDayClick?: (day: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card className="calendar-card">
      <Flex gap={16} wrap className="calendar-legend">
        <span>
          <span className="calendar-swatch is-holiday" /> {t('calendar.kinds.holiday')}
        </span>
        <span>
          <span className="calendar-swatch is-workday" /> {t('calendar.kinds.workday')}
        </span>
        <span>
          <span className="calendar-swatch is-weekend" /> {t('calendar.weekend')}
        </span>
      </Flex>
      <Row gutter={[16, 16]}>
        {MONTHS.map((month) => (
          <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
            <MonthGrid
              year={year}
              month={month}
              overrides={overrides}
              today={today}
              onDayClick={onDayClick}
            />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export function CalendarPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const [noticeProblems, setNoticeProblems] = useState<string[]>([]);
  const year = yearOf(searchParams.get('year'));
  const { data, error, refetch, isLoading } = useCalendarYear(year);
  const today = dayjs().format('YYYY-MM-DD');

  const picker = (
    <DatePicker
      picker="year"
      allowClear={false}
      value={dayjs(`${year}-01-01`)}
      minDate={dayjs(`${CALENDAR_MIN_YEAR}-01-01`)}
      maxDate={dayjs(`${CALENDAR_MAX_YEAR}-12-31`)}
      onChange={(value: Dayjs | null) => value && setSearchParams({ year: String(value.year()) })}
      data-testid="calendar-year"
    />
  );

  let body;
  if (error && !data) body = <LoadError error={error} onRetry={() => void refetch()} />;
  else if (isLoading || !data) body = <BlockSpin />;
  else if (can('calendar.manage'))
    body = <YearEditor key={`${year} ${data.updatedAt}`} year={year} view={data} />;
  else body = <MonthsView year={year} overrides={overridesOf(data.days)} today={today} />;

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        extra={
          can('calendar.manage') ? (
            <Space>
              <NoticeUpload
                onLoaded={(loaded) => setSearchParams({ year: String(loaded) })}
                onProblems={setNoticeProblems}
              />
              {picker}
            </Space>
          ) : (
            picker
          )
        }
      >
        <Typography.Text type="secondary">{t('calendar.intro')}</Typography.Text>
      </PageHeader>
      <NoticeProblems problems={noticeProblems} onClose={() => setNoticeProblems([])} />
      {data && !data.configured ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          data-testid="calendar-not-configured"
          title={t('calendar.notConfigured', { year })}
          description={can('calendar.manage') ? t('calendar.notConfiguredManage') : undefined}
        />
      ) : null}
      {data?.configured && data.updatedAt ? (
        <div className="muted calendar-updated">
          {t('calendar.updatedAt', { time: formatDateTime(data.updatedAt) })}
        </div>
      ) : null}
      {body}
    </>
  );
}
