import { msg } from '@lit/localize';
import type { Person } from '../../model/index.js';

/** How a person is named on screen: "You" for the signed-in person, else their name, else their id. */
export function personLabel(person: Person, me: string | undefined): string {
  return me !== undefined && person.id === me ? msg('You') : person.displayName || person.id;
}
