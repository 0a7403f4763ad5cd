// Recognising PostgreSQL errors: those that are the client's doing (a unique index refusing a duplicate),
// those that mean the database is unreachable (a 503, not a 500), and deadlocks a write simply runs again.

/**
 * Whether a write failed on the unique index `index`: two requests can both pass the check before either
 * inserts, and the index then refuses the second (PostgreSQL unique_violation, wrapped by Drizzle).
 */
export function violatesUniqueIndex(error: unknown, index: string): boolean {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const pgError = cause as { code?: unknown; constraint?: unknown } | null;
  return pgError?.code === '23505' && pgError.constraint === index;
}

/**
 * PostgreSQL SQLSTATEs and socket errors that mean the server is gone or not (yet) taking connections:
 * admin/crash shutdown (57P01–57P03), any connection exception (class 08), a refused or reset socket.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);
/** What node-postgres says when a connection ends under it; these errors carry no code. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];

/** Whether an error (or its cause, as Drizzle wraps) says the database is unreachable rather than refusing the query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || UNAVAILABLE_SOCKET_CODES.has(code)) {
        return true;
      }
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((text) => message.startsWith(text))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Tries per write when PostgreSQL breaks a deadlock by failing it. Writes of different records meet on
 * shared rows (the rollups their triggers keep, the audit chain) and may take them in different orders;
 * under load (bench/long-load.ts) that surfaced as a 500 about once in a few hundred accepts or raises.
 * With three tries, one transition of 21,970 still deadlocked every time in a 10-minute run at 200 req/s
 * that the machine could not keep up with; five, with the pauses growing, and what still fails answers 503
 * DATABASE_BUSY (core/http/error-handler.ts), never a 500.
 */
export const DEADLOCK_ATTEMPTS = 5;

/** deadlock_detected, or serialization_failure, on the error or its cause (Drizzle wraps pg's). */
export function isDeadlock(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `write` — one whole transaction, nothing leaving it before it commits — again when PostgreSQL failed
 * it to break a deadlock (up to DEADLOCK_ATTEMPTS in all, after a short random pause): the transaction was
 * rolled back, so running it again is safe. Used by the transitions runner and by raising an appeal.
 */
export async function retryOnDeadlock<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(error)) throw error;
      // A moment's pause lets the transaction that survived take the rows it waited for: run again at once,
      // this one may lock a row first (its lock was released but not yet handed on) and deadlock again.
      await new Promise((resolve) => setTimeout(resolve, attempt * (20 + Math.floor(Math.random() * 40))));
    }
  }
}
