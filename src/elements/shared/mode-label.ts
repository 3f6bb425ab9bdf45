import { msg } from '@lit/localize';
import type { ConferenceMode } from '../../model/index.js';

/** A conference mode's translated name; `default` is the vendor's standard mode. */
export const modeLabel = (mode: ConferenceMode): string =>
  ({
    'all-on-screen': msg('All on screen'),
    lecture: msg('Lecture'),
    'role-based': msg('Role-based (moderated)'),
    'smart-meeting': msg('Smart meeting'),
    default: msg('Standard'),
  })[mode];
