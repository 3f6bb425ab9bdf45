/**
 * In-memory state of the Telphin emulator: PBX applications, OAuth artefacts, the PBX client
 * with its extensions and users, current calls, call history and the hourly request counters.
 */
import { randomHex } from '../http.js';

export type AppType = 'public' | 'trusted' | 'password_credentials';
export type AppAccess = 'all' | 'call_api';

export interface TelphinApp {
  /** App ID = OAuth client_id. */
  id: string;
  /** App Secret = client_secret. */
  secret: string;
  /** Mutable: the lab orchestrator adds the bridge's callback after it starts. */
  redirectUris: string[];
  type: AppType;
  access: AppAccess;
  name: string;
}

export interface Grant {
  appId: string;
  /** Lab login; undefined for a trusted (client_credentials) app, which acts as the PBX client. */
  login?: string;
  expiresAt: number;
}

export interface AuthCode extends Grant {
  login: string;
  redirectUri: string;
  used: boolean;
}

export interface Extension {
  id: number;
  name: string;
  type: 'phone' | 'queue' | 'ivr' | 'fax' | 'conference';
  status: 'active' | 'blocked';
  label: string;
  client_id: number;
  extension_group_id: number | null;
  domain: string;
  create_date: string;
  caller_id_name: string | null;
  public_caller_id_number: string | null;
  extra_params: string | null;
  dial_rule_limit: number | null;
}

export interface PbxUser {
  id: number;
  login: string;
  extension_id: number | null;
  admin: boolean;
}

export interface CurrentCall {
  call_api_id: string;
  call_id: string;
  subcall_id: string;
  call_flow: 'in' | 'out';
  called_number: string;
  called_did: string | null;
  caller_id_number: string;
  caller_id_name: string | null;
  init_time_gmt: string;
  answer_time_gmt: string | null;
  record_uuid: string | null;
  callback_id: string | null;
  extension_id: number;
  real_call: boolean;
  caller_extension: Record<string, unknown> | null;
  called_extension: Record<string, unknown> | null;
}

/** A current call plus the lab's clock for it. */
export interface LiveCall {
  call: CurrentCall;
  createdAt: number;
  answerAt: number;
  /** When it hangs up; null = until a test ends it. */
  endsAt: number | null;
  from: string;
}

export interface HistoryItem {
  call_uuid: string;
  flow: 'in' | 'out';
  init_time_gmt: string;
  start_time_gmt: string;
  bridged_time_gmt: string | null;
  hangup_time_gmt: string;
  duration: number;
  bridged_duration: number;
  bridged: boolean;
  extension_id: number;
  extension_name: string;
  from_username: string;
  to_username: string;
  result: string;
  hangup_cause: string;
  hangup_disposition: string;
  cdr: Record<string, unknown>[];
}

/** `YYYY-MM-DD HH:MM:SS` in GMT, the API's datetime format [code T13, T17]. */
export function gmt(t: number): string {
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

export function parseGmt(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(text)) return undefined;
  const t = Date.parse(`${text.length === 10 ? `${text} 00:00:00` : text}Z`.replace(' ', 'T'));
  return Number.isNaN(t) ? undefined : t;
}

export class TelphinStore {
  readonly apps = new Map<string, TelphinApp>();
  readonly codes = new Map<string, AuthCode>();
  readonly accessTokens = new Map<string, Grant>();
  readonly refreshTokens = new Map<string, Grant>();
  readonly sessions = new Map<string, string>();
  /** `${login} ${appId}` once the user allowed the app; remembered until revoked [doc T2]. */
  readonly consents = new Set<string>();
  readonly clientId: number;
  readonly prefix: string;
  readonly extensions: Extension[] = [];
  readonly users: PbxUser[] = [];
  readonly calls: LiveCall[] = [];
  readonly history: HistoryItem[] = [];
  /** Requests per PBX client in the current clock hour. */
  readonly usage = new Map<number, { hour: number; count: number }>();

  constructor(clientId = 2566) {
    this.clientId = clientId;
    this.prefix = String(clientId);
  }

  /** Registers a PBX application, as `/app/register` would; returns it with a fresh secret. */
  addApp(app: { type: AppType; access?: AppAccess; redirectUris?: string[]; name?: string }): TelphinApp {
    const created: TelphinApp = {
      id: randomHex(16),
      secret: randomHex(16),
      redirectUris: [...(app.redirectUris ?? [])],
      type: app.type,
      access: app.access ?? 'all',
      name: app.name ?? `lab ${app.type} app`,
    };
    this.apps.set(created.id, created);
    return created;
  }

  user(login: string): PbxUser | undefined {
    return this.users.find((u) => u.login === login);
  }

  extension(id: number): Extension | undefined {
    return this.extensions.find((e) => e.id === id);
  }

  expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = 0;
  }

  resetRateLimit(): void {
    this.usage.clear();
  }

  /** Advances simulated calls: answers ringing ones, moves finished ones to the call history. */
  tick(now = Date.now()): void {
    for (let i = this.calls.length - 1; i >= 0; i--) {
      const live = this.calls[i]!;
      if (live.call.answer_time_gmt === null && now >= live.answerAt) live.call.answer_time_gmt = gmt(live.answerAt);
      if (live.endsAt !== null && now >= live.endsAt) {
        this.calls.splice(i, 1);
        this.history.push(this.toHistory(live, live.endsAt));
      }
    }
  }

  /** Ends a current call now (tests), moving it to the history. */
  hangUp(callApiId: string, now = Date.now()): boolean {
    const live = this.calls.find((c) => c.call.call_api_id === callApiId);
    if (!live) return false;
    live.endsAt = now;
    this.tick(now);
    return true;
  }

  private toHistory(live: LiveCall, end: number): HistoryItem {
    const ext = this.extension(live.call.extension_id);
    const answered = live.answerAt <= end;
    const duration = Math.round((end - live.createdAt) / 1000);
    const bridged = answered ? Math.round((end - live.answerAt) / 1000) : 0;
    return {
      call_uuid: live.call.call_id,
      flow: live.call.call_flow,
      init_time_gmt: live.call.init_time_gmt,
      start_time_gmt: live.call.init_time_gmt,
      bridged_time_gmt: answered ? gmt(live.answerAt) : null,
      hangup_time_gmt: gmt(end),
      duration,
      bridged_duration: bridged,
      bridged: answered,
      extension_id: live.call.extension_id,
      extension_name: ext?.name ?? '',
      from_username: live.from,
      to_username: live.call.called_number,
      result: answered ? 'answered' : 'not answered',
      hangup_cause: answered ? 'NORMAL_CLEARING' : 'NO_ANSWER',
      hangup_disposition: answered ? 'caller_bye' : 'caller_cancel',
      cdr: [],
    };
  }
}
