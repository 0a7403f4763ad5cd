// The demo template: the migrated template with the demo seeded as setupTestApp would seed it (the demo
// password, the test audit key, the test clock's start), copied by every test app that takes the demo on the
// default clock instead of seeding it again (a second of hashing and inserts, in each of a hundred files).
import { AuditLog } from '../core/audit/audit-log.ts';
import { AdjustableClock } from '../core/clock.ts';
import { drizzleOn } from '../db/connection.ts';
import { seedIfEmpty } from '../demo/seed.ts';
import { buildTemplate, DEMO_TEMPLATE_DATABASE, TEMPLATE_DATABASE } from './database.ts';
import { DEMO_PASSWORD, TEST_AUDIT_KEY, TEST_CLOCK_START } from './harness.ts';

/** (Re)creates the demo template from the migrated one; the launcher calls it once per run, after it. */
export function prepareDemoTemplate(): Promise<void> {
  return buildTemplate(DEMO_TEMPLATE_DATABASE, TEMPLATE_DATABASE, async (pool) => {
    const clock = new AdjustableClock(TEST_CLOCK_START);
    const seeded = await seedIfEmpty(drizzleOn(pool), new AuditLog(Buffer.from(TEST_AUDIT_KEY), clock), {
      demo: true,
      demoPassword: DEMO_PASSWORD,
      now: clock.now(),
    });
    if (!seeded.seeded) throw new Error(`${TEMPLATE_DATABASE} is not empty: no demo seeded`);
  });
}
