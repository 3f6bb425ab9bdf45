/**
 * The lab PBX: client 2566 with an extension per lab user (helen is the PBX admin), a queue, a
 * conference room, one call in progress and a short call history (Cyrillic, German and
 * markup-bearing caller names so widgets prove they escape them). Times relative to now.
 */
import { findUser } from '../users.js';
import { gmt, type Extension, type TelphinStore } from './store.js';

const M = 60_000;

export function seedTelphin(store: TelphinStore, now = Date.now()): void {
  const created = gmt(now - 400 * 86_400_000);
  const ext = (id: number, short: string, type: Extension['type'], label: string, login?: string): Extension => {
    const u = login ? findUser(login) : undefined;
    return {
      id,
      name: `${store.prefix}*${short}`,
      type,
      status: 'active',
      label,
      client_id: store.clientId,
      extension_group_id: null,
      domain: 'sipproxy.telphin.ru',
      create_date: created,
      caller_id_name: u?.displayName ?? label,
      public_caller_id_number: u?.phone ?? null,
      extra_params: null,
      dial_rule_limit: null,
    };
  };
  store.extensions.push(
    ext(66101, '101', 'phone', 'Helen Park', 'helen'),
    ext(66102, '102', 'phone', 'Dean Окунев', 'dean'),
    ext(66103, '103', 'phone', 'Kevin Müller', 'kevin'),
    ext(66200, '200', 'queue', 'Отдел продаж'),
    ext(66300, '300', 'conference', 'Konferenzraum Süd'),
  );
  store.users.push(
    { id: 3001, login: 'helen', extension_id: 66101, admin: true },
    { id: 3002, login: 'dean', extension_id: 66102, admin: false },
    { id: 3003, login: 'kevin', extension_id: 66103, admin: false },
  );

  const dean = store.extension(66102)!;
  store.calls.push({
    createdAt: now - 4 * M,
    answerAt: now - 3 * M,
    endsAt: null,
    from: '+79161112233',
    call: {
      call_api_id: 'a1f0c9d2e3b44f5a8c7d6e5f4a3b2c1d',
      call_id: 'a1f0c9d2e3b44f5a8c7d6e5f4a3b2c1d',
      subcall_id: 'b2e1d0c3f4a55e6b9d8c7f6e5d4c3b2a',
      call_flow: 'in',
      called_number: dean.name,
      called_did: '+74950000000',
      caller_id_number: '+79161112233',
      caller_id_name: 'Иван Петров',
      init_time_gmt: gmt(now - 4 * M),
      answer_time_gmt: gmt(now - 3 * M),
      record_uuid: null,
      callback_id: null,
      extension_id: dean.id,
      real_call: true,
      caller_extension: null,
      called_extension: { id: dean.id, type: dean.type, name: dean.name, client_id: dean.client_id, extension_group_id: null },
    },
  });

  const past = (minutesAgo: number, seconds: number, extId: number, flow: 'in' | 'out', from: string, to: string, result: string) => {
    const start = now - minutesAgo * M;
    const answered = result === 'answered';
    return {
      call_uuid: `c0ffee${String(minutesAgo).padStart(26, '0')}`,
      flow,
      init_time_gmt: gmt(start),
      start_time_gmt: gmt(start),
      bridged_time_gmt: answered ? gmt(start + 5000) : null,
      hangup_time_gmt: gmt(start + seconds * 1000),
      duration: seconds,
      bridged_duration: answered ? seconds - 5 : 0,
      bridged: answered,
      extension_id: extId,
      extension_name: store.extension(extId)!.name,
      from_username: from,
      to_username: to,
      result,
      hangup_cause: answered ? 'NORMAL_CLEARING' : 'NO_ANSWER',
      hangup_disposition: answered ? 'callee_bye' : 'caller_cancel',
      cdr: [],
    };
  };
  store.history.push(
    past(180, 245, 66101, 'out', '101', '+4930123456 (Müller GmbH)', 'answered'),
    past(95, 30, 66102, 'in', '+79031234567 (Ольга Смирнова)', '102', 'not answered'),
    past(40, 61, 66101, 'in', '<img src=x onerror=alert(1)>', '101', 'answered'),
    past(20, 12, 66103, 'out', '103', '+74951234567', 'busy'),
  );
}
