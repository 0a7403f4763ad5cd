// npm run audit:verify: checks the whole HMAC-SM3 chain of the audit log; exit 1 at the first broken link.
import { loadConfig } from '../../config.ts';
import { openDatabaseForTool } from '../../db/connection.ts';
import { loadAuditKey } from './key.ts';
import { verifyAuditChain } from './verify.ts';

const config = loadConfig();
const database = await openDatabaseForTool(config, (m) => console.log(`[qinqing] ${m}`));
try {
  const result = await verifyAuditChain(database.pool, loadAuditKey(config));
  if (result.ok) {
    console.log(
      `审计链完整：已校验 ${result.checked} 条记录 / audit chain intact: ${result.checked} records checked`,
    );
  } else {
    console.error(
      `审计链在第 ${result.firstBrokenSeq} 条断开：${result.reason}（此前 ${result.checked} 条完好）/ ` +
        `audit chain broken at record ${result.firstBrokenSeq}`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
