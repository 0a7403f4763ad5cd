// One month of the 工作日历 working-day calendar, Monday first: holidays (休), adjusted working weekends
// (班) and ordinary weekends marked; a click on a day is passed up (the editor adds or removes it).
import { isoWeekday, type CalendarDay } from '@qinqing/shared';
import { useTranslation } from 'react-i18next';

const pad = (n: number) => String(n).padStart(2, '0');

/** The days of a month, with blanks before the 1st so that each row is a Monday-to-Sunday week. */
function monthCells(year: number, month: number): (string | null)[] {
  const first = `${year}-${pad(month)}-01`;
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const blanks: null[] = Array.from({ length: isoWeekday(first) - 1 }, () => null);
  return [...blanks, ...Array.from({ length }, (_, i) => `${year}-${pad(month)}-${pad(i + 1)}`)];
}

export function MonthGrid({
  year,
  month,
  overrides,
  today,
  onDayClick,
}: {
  year: number;
  /** 1–12 */
  month: number;
  overrides: ReadonlyMap<string, CalendarDay>;
  today: string;
  onDayClick?: (day: string) => void;
}) {
  const { t } = useTranslation();
  const weekdays = t('calendar.weekdays').split(',');
  return (
    <div className="calendar-month" data-testid={`calendar-month-${month}`}>
      <div className="calendar-month-title">{t('calendar.month', { month })}</div>
      <div className="calendar-grid">
        {weekdays.map((name) => (
          <div key={name} className="calendar-weekday">
            {name}
          </div>
        ))}
        {monthCells(year, month).map((day, index) => {
          if (!day) return <div key={`blank-${index}`} />;
          const override = overrides.get(day);
          const classes = ['calendar-day'];
          if (override) classes.push(override.kind === 'holiday' ? 'is-holiday' : 'is-workday');
          else if (isoWeekday(day) >= 6) classes.push('is-weekend');
          if (day === today) classes.push('is-today');
          if (onDayClick) classes.push('is-clickable');
          const mark = override
            ? t(override.kind === 'holiday' ? 'calendar.holidayMark' : 'calendar.workdayMark')
            : null;
          return (
            <div
              key={day}
              className={classes.join(' ')}
              title={override ? `${override.name} · ${t(`calendar.kinds.${override.kind}`)}` : undefined}
              data-day={day}
              onClick={onDayClick ? () => onDayClick(day) : undefined}
            >
              <span>{Number(day.slice(8))}</span>
              {mark ? <sup className="calendar-mark">{mark}</sup> : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
