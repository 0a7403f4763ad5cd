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
      responseOverdue: z.number().int(),
      resolveOverdue: z.number().int(),
    }),
  ),
});
export type DepartmentFigures = z.infer<typeof departmentFigures>;
