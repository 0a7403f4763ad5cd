// The one route of every state machine: POST …/:id/transitions {action, version, …} answers the object in
// its envelope. Every reader may ask; the machine itself (core/transitions) answers 403 to a role that may
// not take the action, 409 to a stale version or to an action the state does not allow.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idParams, type RouteAccess } from '@qinqing/shared';
import type { AuditContext } from '../audit/audit-log.ts';
import type { Actor } from '../auth/sessions.ts';
import { actorOf, auditContextOf } from './request-context.ts';

export interface TransitionRoute<Body extends z.ZodType> {
  /** `/api/<objects>/:id/transitions`. */
  url: `/api/${string}/:id/transitions`;
  /** Reading the object is enough to ask. */
  access: RouteAccess;
  tags: string[];
  /** The actions, in the domain's words. */
  summary: string;
  description?: string;
  body: Body;
  /** The envelope's key: `{ [key]: view }`. */
  key: string;
  response: z.ZodType;
  run(actor: Actor, id: string, body: z.infer<Body>, audit: AuditContext): Promise<unknown>;
}

export function transitionRoute<Body extends z.ZodType>(
  app: FastifyInstance,
  route: TransitionRoute<Body>,
): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    route.url,
    {
      config: { access: route.access },
      schema: {
        tags: route.tags,
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        params: idParams,
        body: route.body,
        response: { 200: route.response },
      },
    },
    async (request) => ({
      [route.key]: await route.run(
        actorOf(request),
        request.params.id,
        request.body as z.infer<Body>,
        auditContextOf(request),
      ),
    }),
  );
}
