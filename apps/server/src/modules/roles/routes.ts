// 角色 roles: the built-in roles, their permissions (codes and words) and how many accounts in scope hold each.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ADMIN_ROLES,
  PERMISSION_GROUP_LABELS,
  PERMISSION_LABELS,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  ROLES,
  roleList,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, langOf } from '../../core/http/request-context.ts';
import { countUsersByRole } from '../users/repository.ts';

export async function roleRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/roles',
    {
      config: { access: 'roles.read' },
      schema: { tags: ['roles'], summary: '角色列表', response: { 200: roleList } },
    },
    async (request) => {
      const counts = await countUsersByRole(ctx.database.db, actorOf(request));
      const lang = langOf(request);
      return {
        items: ROLES.map((code) => ({
          code,
          name: ROLE_LABELS[code][lang],
          kind: (ADMIN_ROLES as readonly string[]).includes(code)
            ? ('admin' as const)
            : ('business' as const),
          permissions: [...ROLE_PERMISSIONS[code]],
          permissionDetails: ROLE_PERMISSIONS[code].map((permission) => {
            const label = PERMISSION_LABELS[permission];
            return {
              code: permission,
              name: label[lang],
              group: label.group,
              groupName: PERMISSION_GROUP_LABELS[label.group][lang],
              description: lang === 'zh' ? label.descriptionZh : label.descriptionEn,
            };
          }),
          userCount: counts.get(code) ?? 0,
        })),
      };
    },
  );
}
