// Creates the migrated template database on the server named by QINQING_TEST_ADMIN_URL, and the demo template
// copied from it (apps/server/src/test/demo-template.ts).
import { prepareTemplate } from '../apps/server/src/test/database.ts';
import { prepareDemoTemplate } from '../apps/server/src/test/demo-template.ts';

await prepareTemplate();
await prepareDemoTemplate();
