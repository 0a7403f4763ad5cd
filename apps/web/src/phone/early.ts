// The requests the first screen needs, started as the script runs rather than after React's first render
// and one after the other: on 3G each round trip is 100 ms or more. A page takes its answer once.
const started = new Map<string, Promise<unknown>>();

export function startEarly(key: string, load: () => Promise<unknown>): void {
  const promise = load();
  // Whoever takes it handles a failure; until then it is not an unhandled rejection.
  promise.catch(() => undefined);
  started.set(key, promise);
}

export function takeEarly<T>(key: string): Promise<T> | undefined {
  const promise = started.get(key) as Promise<T> | undefined;
  started.delete(key);
  return promise;
}
