// Creates the migrated template database on the server named by QINQING_TEST_ADMIN_URL.
import { prepareTemplate } from '../apps/server/src/test/database.ts';

await prepareTemplate();
