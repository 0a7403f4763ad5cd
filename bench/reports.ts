// 报告 generation at scale: the quarterly special report (会员企业困难问题调研报告) — every figure, the hash of
// the records behind them, the prose and the .docx — computed the way the report queue does, on the
// synthetic province of bench/service-loop.ts (10,000,000 appeals over 100 districts; generate it first
// with that benchmark or `npm run seed:appeals`). Measured for the busiest district, and for the busiest
// city: a city unit here holds as many appeals in a quarter as one district of a city of ten districts
// with 10,000,000 appeals, the scale (target ≤ 5 s).
// Options: --database-url URL, --samples N.
import { parseArgs } from 'node:util';
import { lastEndedPeriod, reportPeriodRange } from '@qinqing/shared';
import { connect } from '../apps/server/src/db/connection.ts';
import { renderReportDocx } from '../apps/server/src/modules/reports/docx.ts';
import { measureCatalogue } from '../apps/server/src/modules/measures/catalogue.ts';
import { computeReport } from '../apps/server/src/modules/reports/figures.ts';
import { shanghaiDay } from '../apps/server/src/core/calendar/working-days.ts';
import { writeReport } from '../apps/server/src/modules/reports/writing.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile, type TargetRow } from './lib/report.ts';

const TARGET_MS = 5_000;

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/qinqing_bench_appeals' },
    samples: { type: 'string', default: '5' },
  },
  strict: false,
});

interface Unit {
  id: string;
  name: string;
  path: string;
  appeals: number;
}

export const reportGeneration: Benchmark = {
  title: 'Quarterly special report (figures, hash, prose, .docx) at province scale',
  async run(): Promise<TargetRow[]> {
    const database = connect(String(args['database-url']), 2);
    const samples = Number(args.samples);
    const measures = measureCatalogue();
    const period = lastEndedPeriod('special-difficulties', shanghaiDay(new Date()));
    const range = reportPeriodRange('special-difficulties', period)!;
    try {
      const { rows: total } = await database.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM appeals',
      );
      if ((total[0]?.n ?? 0) < 1_000_000) {
        throw new Error(
          'the synthetic province is not loaded: run bench/service-loop.ts (or npm run seed:appeals) first',
        );
      }
      // The unit of each kind with the most appeals received in the quarter.
      const busiest = async (kind: 'district' | 'city'): Promise<Unit> => {
        const { rows } = await database.pool.query<Unit>(
          `SELECT u.id, u.name, u.path, sum(r.received)::int AS appeals
           FROM org_units u JOIN org_units sub ON sub.path LIKE u.path || '%'
             JOIN appeal_rollups r ON r.org_unit_id = sub.id AND r.month BETWEEN $2 AND $3
           WHERE u.kind = $1 GROUP BY u.id ORDER BY appeals DESC LIMIT 1`,
          [kind, range.from, range.to],
        );
        if (!rows[0]) throw new Error(`no ${kind} with appeals in ${period}`);
        return rows[0];
      };
      const rows: TargetRow[] = [];
      for (const kind of ['district', 'city'] as const) {
        const unit = await busiest(kind);
        const figures: number[] = [];
        const whole: number[] = [];
        for (let i = 0; i <= samples; i++) {
          const started = performance.now();
          const { data } = await database.db.transaction(
            (tx) =>
              computeReport(tx, measures, unit, range, range.to, { caseCategories: 5, casesPerCategory: 3 }),
            { isolationLevel: 'repeatable read', accessMode: 'read only' },
          );
          const computed = performance.now();
          await renderReportDocx(
            writeReport({
              type: 'special-difficulties',
              period,
              range,
              unitName: unit.name,
              data,
              commentary: {},
              issuedOn: shanghaiDay(new Date()),
              revision: 1,
            }),
          );
          // The first run warms the caches (and loads docx): not counted.
          if (i === 0) continue;
          figures.push(computed - started);
          whole.push(performance.now() - started);
        }
        const label = `${kind} ${unit.name}, ${period}, ${unit.appeals.toLocaleString('en')} appeals`;
        rows.push({
          target: `${label}: generation`,
          measured: `p50 ${ms(percentile(whole, 50))} · max ${ms(Math.max(...whole))}`,
          goal: `≤ ${ms(TARGET_MS)}`,
          met: Math.max(...whole) <= TARGET_MS,
        });
        rows.push({
          target: `${label}: of which figures and hash`,
          measured: `p50 ${ms(percentile(figures, 50))}`,
          goal: '',
        });
      }
      return rows;
    } finally {
      await database.close();
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(reportGeneration);
