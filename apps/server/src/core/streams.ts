// Writing to a stream at the pace its reader takes: the streamed exports (ledgers, the member list).
import type { Writable } from 'node:stream';

/** Waits until `out` takes more, or is gone (the client went away). */
export function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
