// Routes of /api/own-enterprise (我的企业): an enterprise contact reads their own enterprise.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ownEnterpriseEnvelope } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf } from '../../core/http/request-context.ts';
import { readOwnEnterprise } from './own-enterprise.ts';

export async function ownEnterpriseRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/own-enterprise',
    {
      config: { access: 'ownEnterprise.read' },
      schema: {
        tags: ['enterprises'],
        summary: '我的企业（企业联系人：本企业的登记信息、联系人与账号）',
        response: { 200: ownEnterpriseEnvelope },
      },
    },
    async (request) => ({ enterprise: await readOwnEnterprise(ctx, actorOf(request)) }),
  );
}
