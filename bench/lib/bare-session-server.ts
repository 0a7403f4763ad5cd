// The baseline for GET /api/auth/me: a bare Fastify route doing only the session lookup (one pg query).
// It runs as its own process, like the real server, so neither shares an event loop with autocannon.
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const COOKIE = /(?:^|;\s*)qinqing_sid=([^;]*)/;

const databaseUrl = process.env.BARE_DATABASE_URL;
if (!databaseUrl) throw new Error('BARE_DATABASE_URL is required');

// The same pool settings as the server's (apps/server/src/db/connection.ts), so only the framework differs.
const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, idleTimeoutMillis: 30_000 });
pool.on('error', () => undefined);

const app = Fastify();
app.get('/me', async (request, reply) => {
  const token = COOKIE.exec(request.headers.cookie ?? '')?.[1];
  if (!token) return reply.code(401).send({ error: 'unauthenticated' });
  const { rows } = await pool.query<{ id: string; username: string }>({
    // Named like the server's own lookup, so both reuse a prepared statement per connection.
    name: 'bare-session',
    text: 'SELECT s.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1',
    values: [createHash('sm3').update(decodeURIComponent(token)).digest('hex')],
  });
  const row = rows[0];
  if (!row) return reply.code(401).send({ error: 'unauthenticated' });
  return { user: { sessionId: row.id, username: row.username } };
});

const shutdown = () => {
  void app
    .close()
    .then(() => pool.end())
    .finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
