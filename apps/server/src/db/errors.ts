// Recognising PostgreSQL errors that are the client's doing (a unique index refusing a duplicate).

/**
 * Whether a write failed on the unique index `index`: two requests can both pass the check before either
 * inserts, and the index then refuses the second (PostgreSQL unique_violation, wrapped by Drizzle).
 */
export function violatesUniqueIndex(error: unknown, index: string): boolean {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const pgError = cause as { code?: unknown; constraint?: unknown } | null;
  return pgError?.code === '23505' && pgError.constraint === index;
}
