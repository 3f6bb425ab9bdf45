/**
 * In-memory storage for oidc-provider, one per lab instance (the bundled memory adapter is a
 * process-wide singleton, which would mix two labs started by one test run). It can also
 * enumerate entries, which lets tests expire every access token at once.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms; Infinity when the model has no expiry. */
  expiresAt: number;
}

export class RealmStorage {
  readonly #entries = new Map<string, Entry>();

  /** oidc-provider calls this once per model name; `Client` is served by `clientLookup`. */
  adapterFor(model: string, clientLookup: (id: string) => AdapterPayload | undefined): Adapter {
    if (model === 'Client') return this.#clientAdapter(clientLookup);
    return this.#modelAdapter(model);
  }

  /** Deletes every stored entry of one model (e.g. all AccessTokens); returns how many. */
  destroyAll(model: string): number {
    let count = 0;
    for (const key of [...this.#entries.keys()]) {
      if (key.startsWith(`${model}:`)) {
        this.#entries.delete(key);
        count++;
      }
    }
    return count;
  }

  #get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  #modelAdapter(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    const find = (predicate: (payload: AdapterPayload) => boolean): AdapterPayload | undefined => {
      for (const [k] of this.#entries) {
        if (!k.startsWith(`${model}:`)) continue;
        const payload = this.#get(k);
        if (payload && predicate(payload)) return payload;
      }
      return undefined;
    };
    return {
      upsert: async (id, payload, expiresIn) => {
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity;
        this.#entries.set(key(id), { payload: structuredClone(payload), expiresAt });
      },
      find: async (id) => {
        const payload = this.#get(key(id));
        return payload && structuredClone(payload);
      },
      findByUid: async (uid) => find((p) => p.uid === uid),
      findByUserCode: async (userCode) => find((p) => p.userCode === userCode),
      consume: async (id) => {
        const payload = this.#get(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        this.#entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        // Grants span models (access, refresh tokens, codes), so scan them all.
        for (const [k, entry] of [...this.#entries]) {
          if (entry.payload.grantId === grantId) this.#entries.delete(k);
        }
      },
    };
  }

  #clientAdapter(lookup: (id: string) => AdapterPayload | undefined): Adapter {
    const readOnly = async () => {
      throw new Error('lab realm clients are configured, not stored');
    };
    return {
      upsert: readOnly,
      find: async (id) => lookup(id),
      findByUid: async () => undefined,
      findByUserCode: async () => undefined,
      consume: readOnly,
      destroy: readOnly,
      revokeByGrantId: async () => undefined,
    };
  }
}
