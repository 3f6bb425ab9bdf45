/** The signed-in person, as far as the vendor tells us. */
export interface SessionUser {
  id: string;
  displayName: string;
  email?: string;
}

export type SessionState = 'loading' | 'signed-out' | 'signed-in';

export type ProviderName = 'trueconf' | 'opentalk' | 'webex' | 'telphin';

export const PROVIDER_NAMES: readonly ProviderName[] = ['trueconf', 'opentalk', 'webex', 'telphin'];
