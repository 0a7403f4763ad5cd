// A database that is down answers 503 DATABASE_UNAVAILABLE with a Chinese message, not a 500: the errors
// node-postgres and Drizzle raise when the server is gone, each through the one error handler.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { registerErrorHandling } from './error-handler.ts';

function pgError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

const THROWN: Record<string, () => Error> = {
  'admin-shutdown': () => pgError('terminating connection due to unexpected postmaster exit', '57P01'),
  'crash-shutdown': () =>
    pgError('terminating connection because of crash of another server process', '57P02'),
  'starting-up': () => pgError('the database system is starting up', '57P03'),
  'connection-failure': () => pgError('could not receive data from client', '08006'),
  refused: () =>
    Object.assign(new AggregateError([pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')]), {
      code: 'ECONNREFUSED',
    }),
  reset: () => pgError('read ECONNRESET', 'ECONNRESET'),
  terminated: () => new Error('Connection terminated unexpectedly'),
  'drizzle-wrapped': () =>
    new DrizzleQueryError('select 1', [], pgError('the database system is shutting down', '57P03')),
};

async function appThrowing(): Promise<ReturnType<typeof Fastify>> {
  const app = Fastify({ logger: false });
  registerErrorHandling(app, false);
  app.get<{ Params: { kind: string } }>('/fail/:kind', async (request) => {
    const make = THROWN[request.params.kind];
    throw make ? make() : pgError('duplicate key value violates unique constraint', '23505');
  });
  await app.ready();
  return app;
}

describe('database unavailable', () => {
  it('answers 503 DATABASE_UNAVAILABLE in Chinese for every way the database can be gone', async () => {
    const app = await appThrowing();
    try {
      for (const kind of Object.keys(THROWN)) {
        const response = await app.inject({ url: `/fail/${kind}` });
        assert.equal(response.statusCode, 503, kind);
        const body = JSON.parse(response.body) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'DATABASE_UNAVAILABLE', kind);
        assert.equal(body.error.message, '数据库暂时无法连接，请稍后重试', kind);
      }
    } finally {
      await app.close();
    }
  });

  it('leaves other database errors a 500', async () => {
    const app = await appThrowing();
    try {
      const response = await app.inject({ url: '/fail/unique' });
      assert.equal(response.statusCode, 500);
      assert.equal((JSON.parse(response.body) as { error: { code: string } }).error.code, 'INTERNAL_ERROR');
    } finally {
      await app.close();
    }
  });
});
