// Routes of /api/appeal-categories (诉求类别): every signed-in user reads them; those who configure the
// service loop add and change them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appealCategoryList, appealCategoryView, upsertAppealCategoryRequest } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { auditContextOf } from '../../core/http/request-context.ts';
import { listCategoryViews, upsertCategory } from './service.ts';

export async function appealCategoryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['appeal-categories'];

  r.get(
    '/api/appeal-categories',
    {
      config: { access: 'session' },
      schema: { tags, summary: '诉求类别与默认时限', response: { 200: appealCategoryList } },
    },
    async () => ({ items: await listCategoryViews(ctx) }),
  );

  r.put(
    '/api/appeal-categories/:code',
    {
      config: { access: 'serviceLoop.configure' },
      schema: {
        tags,
        summary: '新增或修改诉求类别',
        params: z.strictObject({
          code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: '类别代码格式不正确' }),
        }),
        body: upsertAppealCategoryRequest,
        response: { 200: z.object({ category: appealCategoryView }) },
      },
    },
    async (request) => ({
      category: await upsertCategory(ctx, request.params.code, request.body, auditContextOf(request)),
    }),
  );
}
