-- 工作日历 the working-day calendar that appeal deadlines count on: Monday to Friday are working days,
-- Saturday and Sunday rest days, except the overrides below (statutory holidays on weekdays, and the
-- adjusted working weekends 调休上班). The State Council publishes each year's schedule; an administrator
-- enters it year by year.

CREATE TABLE working_calendar_years (
  year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id)
);

CREATE TABLE working_calendar_days (
  day date PRIMARY KEY,
  -- 'holiday': a weekday off; 'workday': a weekend day worked (调休上班).
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL,
  -- A holiday only falls on a weekday and an adjusted workday only on a weekend (ISODOW 6, 7).
  CHECK ((kind = 'holiday') = (extract(isodow FROM day) < 6))
);

-- 国务院办公厅 schedules for 2025 and 2026. Only the weekdays of a holiday period are listed: its
-- Saturday and Sunday are rest days anyway.
INSERT INTO working_calendar_years (year) VALUES (2025), (2026);

INSERT INTO working_calendar_days (day, kind, name) VALUES
  ('2025-01-01', 'holiday', '元旦'),
  ('2025-01-26', 'workday', '春节'),
  ('2025-01-28', 'holiday', '春节'),
  ('2025-01-29', 'holiday', '春节'),
  ('2025-01-30', 'holiday', '春节'),
  ('2025-01-31', 'holiday', '春节'),
  ('2025-02-03', 'holiday', '春节'),
  ('2025-02-04', 'holiday', '春节'),
  ('2025-02-08', 'workday', '春节'),
  ('2025-04-04', 'holiday', '清明节'),
  ('2025-04-27', 'workday', '劳动节'),
  ('2025-05-01', 'holiday', '劳动节'),
  ('2025-05-02', 'holiday', '劳动节'),
  ('2025-05-05', 'holiday', '劳动节'),
  ('2025-06-02', 'holiday', '端午节'),
  ('2025-09-28', 'workday', '国庆节、中秋节'),
  ('2025-10-01', 'holiday', '国庆节、中秋节'),
  ('2025-10-02', 'holiday', '国庆节、中秋节'),
  ('2025-10-03', 'holiday', '国庆节、中秋节'),
  ('2025-10-06', 'holiday', '国庆节、中秋节'),
  ('2025-10-07', 'holiday', '国庆节、中秋节'),
  ('2025-10-08', 'holiday', '国庆节、中秋节'),
  ('2025-10-11', 'workday', '国庆节、中秋节'),
  ('2026-01-01', 'holiday', '元旦'),
  ('2026-01-02', 'holiday', '元旦'),
  ('2026-01-04', 'workday', '元旦'),
  ('2026-02-14', 'workday', '春节'),
  ('2026-02-16', 'holiday', '春节'),
  ('2026-02-17', 'holiday', '春节'),
  ('2026-02-18', 'holiday', '春节'),
  ('2026-02-19', 'holiday', '春节'),
  ('2026-02-20', 'holiday', '春节'),
  ('2026-02-23', 'holiday', '春节'),
  ('2026-02-28', 'workday', '春节'),
  ('2026-04-06', 'holiday', '清明节'),
  ('2026-05-01', 'holiday', '劳动节'),
  ('2026-05-04', 'holiday', '劳动节'),
  ('2026-05-05', 'holiday', '劳动节'),
  ('2026-05-09', 'workday', '劳动节'),
  ('2026-06-19', 'holiday', '端午节'),
  ('2026-09-20', 'workday', '国庆节'),
  ('2026-09-25', 'holiday', '中秋节'),
  ('2026-10-01', 'holiday', '国庆节'),
  ('2026-10-02', 'holiday', '国庆节'),
  ('2026-10-05', 'holiday', '国庆节'),
  ('2026-10-06', 'holiday', '国庆节'),
  ('2026-10-07', 'holiday', '国庆节'),
  ('2026-10-10', 'workday', '国庆节');
