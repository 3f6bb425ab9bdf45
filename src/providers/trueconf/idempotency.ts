/**
 * TrueConf has no idempotency key, so `create(draft, { idempotencyKey })` keeps one in memory:
 *
 * - key → created id: a repeated call with the same key returns the meeting made the first time;
 * - a call while the first is still running (double click) waits for it instead of POSTing again;
 * - each keyed create carries a tag derived from the key (`tcw-…`, in `tags`, which both API
 *   generations store). If the first attempt ended with an unknown outcome (network failure,
 *   time-out, 5xx, cancelled after sending), the next attempt first looks for a conference with that
 *   tag and the same title, newest first, and returns it instead of creating a second one.
 *
 * The memory lives as long as the provider (one page); the tag lookup is what also protects a
 * retry whose first response was lost.
 */
import type { Conference } from '../../model/conference.js';
import type { TcError } from '../../model/error.js';

export interface CreateAttempt {
  tag: string;
  title: string;
  /** Set once the server confirmed the meeting. */
  id?: string;
  /** The running POST, shared by callers with the same key. */
  pending?: Promise<Conference>;
  /** The last attempt failed in a way that may still have created the meeting. */
  outcomeUnknown: boolean;
}

/** 32-bit FNV-1a, twice with different seeds: a short tag without crypto APIs. */
function fnv(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function tagForKey(key: string): string {
  return `tcw-${fnv(key, 0x811c9dc5)}${fnv(key, 0x050c5d1f)}`;
}

/** Failures after which the server may or may not have created the meeting. */
export function outcomeIsUnknown(error: TcError): boolean {
  return ['network', 'timeout', 'aborted', 'server', 'protocol'].includes(error.kind);
}

export class CreateLedger {
  private readonly attempts = new Map<string, CreateAttempt>();

  attempt(key: string, title: string): CreateAttempt {
    let a = this.attempts.get(key);
    if (!a) {
      a = { tag: tagForKey(key), title, outcomeUnknown: false };
      this.attempts.set(key, a);
    }
    return a;
  }
}
