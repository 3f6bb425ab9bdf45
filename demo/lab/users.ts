/** The lab's people, shared by every emulator so one demo login works everywhere. */
export interface LabUser {
  /** Login name (TrueConf id, Keycloak username, Webex/Telphin login). */
  id: string;
  displayName: string;
  email: string;
  /** Demo password, printed by `npm start`. Lab only. */
  password: string;
  /** Telphin extension / phone used by the "call me" join. */
  phone: string;
}

export const LAB_USERS: readonly LabUser[] = [
  { id: 'helen', displayName: 'Helen Park', email: 'helen@lab.test', password: 'helen', phone: '+74950000001' },
  { id: 'dean', displayName: 'Dean Окунев', email: 'dean@lab.test', password: 'dean', phone: '+74950000002' },
  { id: 'kevin', displayName: 'Kevin Müller', email: 'kevin@lab.test', password: 'kevin', phone: '+74950000003' },
];

export function findUser(login: string): LabUser | undefined {
  return LAB_USERS.find((u) => u.id === login || u.email === login);
}
