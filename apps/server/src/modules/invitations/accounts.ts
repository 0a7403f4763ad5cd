// The enterprise-contact account an invitation or an approved request makes: role enterprise_contact for
// that one enterprise, signed in with the mobile number as its username. No other role is ever made here
// (三员分立: administrator and staff accounts stay with the administrators).
import type { Tx } from '../../db/connection.ts';
import { users } from '../../db/schema/index.ts';
import { AppError } from '../../core/errors.ts';
import { mobileTaken } from './repository.ts';

export async function createContactAccount(
  tx: Tx,
  values: {
    enterpriseId: string;
    orgUnitId: string;
    name: string;
    mobile: string;
    passwordHash: string;
    now: Date;
  },
): Promise<string> {
  if (await mobileTaken(tx, values.mobile)) throw new AppError('MOBILE_TAKEN');
  const [row] = await tx
    .insert(users)
    .values({
      username: values.mobile,
      displayName: values.name,
      orgUnitId: values.orgUnitId,
      enterpriseId: values.enterpriseId,
      roles: ['enterprise_contact'],
      passwordHash: values.passwordHash,
      passwordChangedAt: values.now,
      mustChangePassword: false,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  // Two people accepting with one number at once: the unique username lets one through.
  if (!row) throw new AppError('MOBILE_TAKEN');
  return row.id;
}
