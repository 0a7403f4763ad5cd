// Tests fail when two queries run at once on one connection. pg 8 queues the second, and only from the third
// does it warn (once per process); pg 9 refuses it. A transaction holds one connection, so its queries are
// awaited one after the other; Promise.all belongs on the pool, where each query has a connection of its own.
import pg from 'pg';

export class ConcurrentQueryError extends Error {
  override readonly name = 'ConcurrentQueryError';
}

const BUSY_CLIENT = 'Calling client.query() when the client is already executing a query';
const ADVICE = "await a transaction's queries one after the other (Promise.all only over the pool)";

/**
 * Thrown outside the query's promise chain, where no catch in the code under test can swallow it: the
 * running test (or else its file) fails, and the query itself runs as it would have.
 */
function fail(error: ConcurrentQueryError): void {
  process.nextTick(() => {
    throw error;
  });
}

function textOf(config: unknown): string {
  const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
  return String(text).replace(/\s+/g, ' ').slice(0, 120);
}

/**
 * Watches every client's promised queries (Drizzle's, the named statements, BEGIN/COMMIT) and fails the test
 * on a query sent while another of the same client is unanswered; pg's own warning covers the rest.
 */
export function failOnConcurrentQueries(): void {
  const query = pg.Client.prototype.query;
  const running = new WeakMap<pg.Client, number>();
  const watched = function (this: pg.Client, ...args: unknown[]): unknown {
    const result: unknown = Reflect.apply(query, this, args);
    // A callback (the pool's own query) or a submittable: not a promise to wait for.
    if (!(result instanceof Promise)) return result;
    const count = running.get(this) ?? 0;
    if (count > 0) {
      fail(
        new ConcurrentQueryError(`A query sent while another runs on its connection: ${ADVICE}.
  the query: ${textOf(args[0])}`),
      );
    }
    running.set(this, count + 1);
    return result.finally(() => running.set(this, (running.get(this) ?? 1) - 1));
  };
  // The overloads of Client.query cannot be spelled by one function; `watched` forwards whatever it is given.
  pg.Client.prototype.query = watched as typeof query;

  process.on('warning', (warning) => {
    if (warning.name === 'DeprecationWarning' && warning.message.startsWith(BUSY_CLIENT)) {
      fail(new ConcurrentQueryError(`pg: ${warning.message} — ${ADVICE}.`, { cause: warning }));
    }
  });
}
