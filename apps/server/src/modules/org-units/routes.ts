// Routes of /api/org-units.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  createOrgUnitRequest,
  idParams,
  orgUnitEnvelope,
  orgUnitList,
  updateOrgUnitRequest,
} from '@qinqing/shared';
import type { AppContext } from '../../core/context.ts';
import { actorOf, auditContextOf } from '../../core/http/request-context.ts';
import { listSubtree } from './repository.ts';
import { createOrgUnit, presentOrgUnit, updateOrgUnit } from './service.ts';

export async function orgUnitRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/org-units',
    {
      config: { access: 'session' },
      schema: { tags: ['org-units'], summary: '本单位及下级单位', response: { 200: orgUnitList } },
    },
    async (request) => ({
      items: (await listSubtree(ctx.database.db, actorOf(request))).map(presentOrgUnit),
    }),
  );

  r.post(
    '/api/org-units',
    {
      config: { access: 'orgUnits.manage' },
      schema: {
        tags: ['org-units'],
        summary: '新建单位',
        body: createOrgUnitRequest,
        response: { 201: orgUnitEnvelope },
      },
    },
    async (request, reply) => {
      const orgUnit = await createOrgUnit(ctx, actorOf(request), request.body, auditContextOf(request));
      return reply.code(201).send({ orgUnit });
    },
  );

  r.patch(
    '/api/org-units/:id',
    {
      config: { access: 'orgUnits.manage' },
      schema: {
        tags: ['org-units'],
        summary: '修改单位',
        params: idParams,
        body: updateOrgUnitRequest,
        response: { 200: orgUnitEnvelope },
      },
    },
    async (request) => ({
      orgUnit: await updateOrgUnit(
        ctx,
        actorOf(request),
        request.params.id,
        request.body,
        auditContextOf(request),
      ),
    }),
  );
}
