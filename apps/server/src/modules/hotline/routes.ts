// 12345热线 the hotline system's inbound route (an API token holding appeals.hotline).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appealView, hotlineAppealRequest } from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { receiveHotlineAppeal } from './receive-hotline-appeal.ts';

const hotlineAppealEnvelope = z.object({ appeal: appealView, caseNumber: z.string() });

export async function hotlineRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/hotline/appeals',
    {
      config: { access: 'appeals.hotline' },
      schema: {
        tags: ['hotline'],
        summary: '12345热线转入诉求',
        description:
          '以接口令牌（Authorization: Bearer）调用。按统一社会信用代码或企业全称在令牌范围内查找企业；同一工单号（caseNumber）只产生一条诉求：首次 201，再次 200 并返回同一诉求。',
        body: hotlineAppealRequest,
        response: { 200: hotlineAppealEnvelope, 201: hotlineAppealEnvelope },
      },
    },
    async (request, reply) => {
      const { appeal, created } = await receiveHotlineAppeal(
        ctx,
        actorOf(request),
        request.body,
        auditContextOf(request),
      );
      return reply.code(created ? 201 : 200).send({ appeal, caseNumber: request.body.caseNumber });
    },
  );
}
