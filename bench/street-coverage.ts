// 小巷管家 coverage of a district with 5,000 segments (issue 15): the demo district's streets get 5,000 main
// streets and alleys more than the demo's (spread over its three streets and twelve new ones, about two in
// three adopted, some adoptions ended, a matter on every tenth with helpers on the hotline ones), then staff
// ask GET /api/street-coverage for the district, sequentially. Target: p95 ≤ 100 ms.
import pg from 'pg';
import { sessionCookie } from './lib/auth.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile } from './lib/report.ts';
import {
  embeddedDatabaseUrl,
  makeTempDataDir,
  removeTempDataDir,
  spawnAppServer,
  waitHealthy,
} from './lib/server.ts';

const SEGMENTS = 5_000;
const NEW_STREETS = 12;
const WARM_UP = 20;
const REQUESTS = 300;
const TARGET_P95_MS = 100;
const START_TIMEOUT_MS = 90_000;

/** Fifteen streets under 示例区, 5,000 segments over them, adoptions, ended adoptions and matters. */
async function addSegments(databaseUrl: string): Promise<{ district: string; segments: number }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query<{ id: string; path: string; depth: number }>(
      "SELECT id, path, depth FROM org_units WHERE name = '示例区工商联'",
    );
    const district = rows[0]!;
    await pool.query(
      `INSERT INTO org_units (id, parent_id, kind, name, code, path, depth)
       SELECT id, $1, 'street', '压测街道' || i || '工商联', NULL, $2 || id || '/', $3 + 1
         FROM (SELECT gen_random_uuid() AS id, i FROM generate_series(1, $4::int) i) s`,
      [district.id, district.path, district.depth, NEW_STREETS],
    );
    await pool.query(
      `WITH streets AS (
         SELECT id, row_number() OVER (ORDER BY path) - 1 AS n, count(*) OVER () AS streets
           FROM org_units WHERE kind = 'street' AND path LIKE $1 || '%'
       )
       INSERT INTO street_segments (street_org_unit_id, kind, name, length_m)
       SELECT s.id, CASE WHEN i % 6 = 0 THEN 'main_street' ELSE 'alley' END, '压测路段' || i, 100 + i % 900
         FROM generate_series(1, $2::int) i JOIN streets s ON s.n = i % s.streets`,
      [district.path, SEGMENTS],
    );
    const enterprise = await pool.query<{ id: string }>('SELECT id FROM enterprises ORDER BY id LIMIT 1');
    // Two in three adopted and live; every ninth also has an earlier, ended adoption.
    await pool.query(
      `INSERT INTO street_adoptions (segment_id, adopter_enterprise_id, adopted_on, ended_on, end_reason)
       SELECT id, $1, DATE '2024-01-01', DATE '2024-12-31', '换届' FROM street_segments
        WHERE name LIKE '压测路段%' AND substring(name from 5)::int % 9 = 0`,
      [enterprise.rows[0]!.id],
    );
    await pool.query(
      `INSERT INTO street_adoptions (segment_id, adopter_enterprise_id, adopted_on)
       SELECT id, $1, DATE '2025-03-01' FROM street_segments
        WHERE name LIKE '压测路段%' AND substring(name from 5)::int % 3 <> 0`,
      [enterprise.rows[0]!.id],
    );
    const matters = await pool.query<{ id: string }>(
      `INSERT INTO street_matters (segment_id, street_org_unit_id, handled_on, kind, description, hotline_case_number)
       SELECT id, street_org_unit_id, DATE '2025-06-01', 'sanitation', '清理杂物',
              CASE WHEN substring(name from 5)::int % 20 = 0 THEN 'BENCH-' || substring(name from 5) END
         FROM street_segments WHERE name LIKE '压测路段%' AND substring(name from 5)::int % 10 = 0
       RETURNING id`,
    );
    await pool.query(
      `INSERT INTO street_matter_helpers (matter_id, ordinal, name)
       SELECT m.id, h, '协助人' || h FROM street_matters m, generate_series(1, 2) h
        WHERE m.id = ANY ($1::uuid[]) AND m.hotline_case_number IS NOT NULL`,
      [matters.rows.map((row) => row.id)],
    );
    await pool.query(
      'ANALYZE org_units, street_segments, street_adoptions, street_matters, street_matter_helpers',
    );
    const count = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM street_segments WHERE street_org_unit_id IN
         (SELECT id FROM org_units WHERE path LIKE $1 || '%')`,
      [district.path],
    );
    return { district: district.id, segments: count.rows[0]!.n };
  } finally {
    await pool.end();
  }
}

export const streetCoverage: Benchmark = {
  title: `GET /api/street-coverage of a district with ${SEGMENTS.toLocaleString('en')}+ segments`,
  async run() {
    const dataDir = makeTempDataDir();
    const startedAt = performance.now();
    const server = await spawnAppServer({ dataDir });
    try {
      await waitHealthy(server, startedAt, START_TIMEOUT_MS);
      const { district, segments } = await addSegments(embeddedDatabaseUrl(dataDir));
      const cookie = await sessionCookie(server.baseUrl);
      const url = `${server.baseUrl}/api/street-coverage?orgUnitId=${district}`;
      const ask = async () => {
        const at = performance.now();
        const response = await fetch(url, { headers: { cookie } });
        const body = (await response.json()) as {
          totals: { segments: number; adopted: number; coverage: number | null };
          streets: unknown[];
        };
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
        return { elapsed: performance.now() - at, body };
      };
      for (let i = 0; i < WARM_UP; i++) await ask();
      const samples: number[] = [];
      let last: Awaited<ReturnType<typeof ask>>['body'] | undefined;
      for (let i = 0; i < REQUESTS; i++) {
        const { elapsed, body } = await ask();
        samples.push(elapsed);
        last = body;
      }
      const p95 = percentile(samples, 95);
      console.log(
        `${segments.toLocaleString('en')} segments over ${last?.streets.length} streets: ` +
          `${last?.totals.adopted} adopted, coverage ${last?.totals.coverage}; ` +
          `p50 ${ms(percentile(samples, 50))} · p95 ${ms(p95)} · max ${ms(Math.max(...samples))} (${REQUESTS} requests)`,
      );
      return [
        {
          target: `district coverage, ${segments.toLocaleString('en')} segments (p95 of ${REQUESTS})`,
          measured: `p50 ${ms(percentile(samples, 50))} · p95 ${ms(p95)}`,
          goal: `p95 ≤ ${ms(TARGET_P95_MS)}`,
          met: p95 <= TARGET_P95_MS && last?.totals.segments === segments,
        },
      ];
    } finally {
      await server.stop();
      removeTempDataDir(dataDir);
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(streetCoverage);
