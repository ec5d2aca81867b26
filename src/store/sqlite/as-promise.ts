/**
 * better-sqlite3 is synchronous; the port is asynchronous so other adapters can fit. This runs the
 * synchronous work now and reports a throw as a rejected promise, as an async adapter would.
 */
export function asPromise<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
