// 本部门办理情况 a department's figures: what was forwarded to the department and how it stands.
import { z } from 'zod';

export const departmentFigures = z.object({
  departments: z.array(
    z.object({
      id: z.string().uuid(),
      name: z.string(),
      /** Every forward the department ever received. */
      forwarded: z.number().int(),
      /** Still to be answered: pending or accepted. */
      open: z.number().int(),
      resolved: z.number().int(),
      returned: z.number().int(),
      unsolvable: z.number().int(),
      /** Open forwards overdue now, by appeals/overdue.ts: past the response deadline with no response. */
      responseOverdue: z.number().int(),
      /** Open forwards past the resolution deadline now. */
      resolveOverdue: z.number().int(),
      /** Open forwards overdue of either kind now (the liaison inbox's 已超期). */
      overdue: z.number().int(),
    }),
  ),
});
export type DepartmentFigures = z.infer<typeof departmentFigures>;
