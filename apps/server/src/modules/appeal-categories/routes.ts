// Routes of /api/appeal-categories (诉求类别): every signed-in user reads the categories in effect at a unit
// (their own by default); those who configure the service loop define them at a federation level of their
// subtree and remove their level's overrides.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  appealCategoryList,
  appealCategoryQuery,
  appealCategoryView,
  upsertAppealCategoryRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { listCategoryViews, removeOverride, upsertCategory } from './service.ts';

const codeParams = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: '类别代码格式不正确' }),
});

export async function appealCategoryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appeal-categories'];

  r.get(
    '/api/appeal-categories',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: '某组织适用的诉求类别与默认时限（本级设置或上级继承）',
        querystring: appealCategoryQuery,
        response: { 200: appealCategoryList },
      },
    },
    async (request) => listCategoryViews(ctx, actorOf(request), request.query.orgUnitId),
  );

  r.put(
    '/api/appeal-categories/:code',
    {
      config: { access: 'serviceLoop.configure' },
      schema: {
        tags,
        summary: '在本级新增、修改或覆盖上级的诉求类别',
        params: codeParams,
        body: upsertAppealCategoryRequest,
        response: { 200: z.object({ category: appealCategoryView }) },
      },
    },
    async (request) => ({
      category: await upsertCategory(
        ctx,
        actorOf(request),
        request.params.code,
        request.body,
        auditContextOf(request),
      ),
    }),
  );

  r.post(
    '/api/appeal-categories/:code/inherit',
    {
      config: { access: 'serviceLoop.configure' },
      schema: {
        tags,
        summary: '删除本级对诉求类别的覆盖，恢复继承上级设置',
        params: codeParams,
        body: appealCategoryQuery,
        response: { 200: appealCategoryList },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await removeOverride(ctx, actor, request.params.code, request.body.orgUnitId, auditContextOf(request));
      return listCategoryViews(ctx, actor, request.body.orgUnitId);
    },
  );
}
