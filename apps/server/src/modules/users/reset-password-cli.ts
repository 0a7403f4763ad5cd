// npm run admin:reset-password -- <username>: recovers an account (an administrator's included) from the
// server's console. Sets a generated initial password, lifts any lock, ends its sessions, and audits it.
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { AuditLog } from '../../core/audit/audit-log.ts';
import { loadAuditKey } from '../../core/audit/key.ts';
import { hashPassword } from '../../core/auth/passwords.ts';
import { AdjustableClock } from '../../core/clock.ts';
import { openDatabaseForTool } from '../../db/connection.ts';
import { generatePassword } from '../../core/auth/passwords.ts';
import { sessions, users } from '../../db/schema/index.ts';

const username = process.argv[2];
if (!username) {
  console.error('用法 / usage: npm run admin:reset-password -- <username>');
  process.exit(2);
}
const config = loadConfig();
const database = await openDatabaseForTool(config, (m) => console.log(`[qinqing] ${m}`));
const audit = new AuditLog(loadAuditKey(config), new AdjustableClock());
try {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const found = await database.db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(sql`lower(${users.username}) = lower(${username})`);
    if (!user) return false;
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: new Date(),
        failedLoginCount: 0,
        lockedUntil: null,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await audit.record(
      tx,
      { actorId: null, actorName: 'console', actorRoles: [], ip: null, requestId: null },
      { action: 'user.password_reset', objectType: 'user', objectId: user.id, detail: { via: 'console' } },
    );
    return true;
  });
  if (found) {
    console.log(
      `${username} 的新初始密码 / new initial password: ${password}（首次登录须修改 / change at first login）`,
    );
  } else {
    console.error(`没有用户 ${username} / no such user`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
