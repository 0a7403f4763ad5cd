// The audit HMAC key: QINQING_AUDIT_KEY, or a random key kept in <dataDir>/audit.key (mode 0600).
// Instances that share a database must share the key.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';

export function loadAuditKey(config: Pick<Config, 'auditKey' | 'dataDir'>): Buffer {
  if (config.auditKey) return Buffer.from(config.auditKey, 'utf8');
  const file = path.join(config.dataDir, 'audit.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
}
