import { raceAbort } from './signals.js';

interface Entry {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
}

/**
 * Shares one running request among callers asking for the same key. Each caller may abort on its
 * own; the shared request is aborted only when every caller has gone.
 */
export class InflightRequests {
  private readonly entries = new Map<string, Entry>();

  run<T>(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: Entry = { controller, waiters: 0, promise: Promise.resolve() };
      created.promise = start(controller.signal).finally(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
      // Callers that abort still leave the shared promise to settle; it must not be reported unhandled.
      created.promise.catch(() => undefined);
      this.entries.set(key, created);
      entry = created;
    }
    const joined = entry;
    joined.waiters += 1;
    return raceAbort(joined.promise as Promise<T>, signal, () => {
      joined.waiters -= 1;
      if (joined.waiters === 0) {
        if (this.entries.get(key) === joined) this.entries.delete(key);
        joined.controller.abort();
      }
    });
  }

  get size(): number {
    return this.entries.size;
  }
}
