/**
 * German messages, in the format @lit/localize's runtime mode loads: ids are the ones msg()
 * computes from the English source (shown above each entry). `${0}`, `${1}`… stand for the
 * source's expressions, in their order there. test/node/i18n-coverage.test.ts lists missing and
 * stale entries.
 */
import type { StrResult, TemplateMap } from '@lit/localize';

// @lit/localize's `str`, inlined so a split build's locale chunk imports nothing (no shared chunk).
const str = (strings: TemplateStringsArray, ...values: number[]): StrResult => ({ strTag: true, strings, values });

export const templates: TemplateMap = {
  // conference-details/conference-details.component.ts
  // Live
  s3d1396b47ff4a56f: 'Läuft',
  // Scheduled
  sf2d5ffb20d61fcf8: 'Geplant',
  // Ended
  sf113fa256db9617b: 'Beendet',
  // Room, not running
  s613eeab3af74be00: 'Raum, nicht aktiv',
  // Not running
  s9b1a610c6b10af9d: 'Nicht aktiv',
  // All on screen
  s164c929cd9cba2c3: 'Alle im Bild',
  // Lecture
  sbabc1f87bc74a3d1: 'Vortrag',
  // Role-based (moderated)
  s8a00cd7641ffb481: 'Rollenbasiert (moderiert)',
  // Smart meeting
  se6674bc32bd16433: 'Smart Meeting',
  // Owner
  sb971debc37bf0b54: 'Organisator',
  // Moderator
  s5278069b1e2436e4: 'Moderator',
  // Speaker
  s2176770969da5882: 'Sprecher',
  // Guest
  se18c9f83ecd43653: 'Gast',
  // Enter a user id or email.
  s1dfdd476e4bed9b3: 'Geben Sie eine Benutzer-ID oder E-Mail-Adresse ein.',
  // Invited ${0}.
  sc1c6faa46b4c2290: str`${0} wurde eingeladen.`,
  // Sign in to see this conference.
  s61d3b3fecfebc25d: 'Melden Sie sich an, um diese Konferenz zu sehen.',
  // No conference selected.
  s89b599106c194ced: 'Keine Konferenz ausgewählt.',
  // This conference does not exist or was deleted.
  s3ba4b0f0e4291741: 'Diese Konferenz existiert nicht oder wurde gelöscht.',
  // Try again
  scd1dd6ff53d0d01a: 'Erneut versuchen',
  // Loading…
  s6ebc9bd6feae62a3: 'Wird geladen…',
  // Any time (permanent room)
  s0267d8736d67031a: 'Jederzeit (dauerhafter Raum)',
  // Could not refresh:
  s3d873b5db017fb8a: 'Aktualisierung fehlgeschlagen:',
  // When
  sc683c10250a1b719: 'Wann',
  // Mode
  s37cbecaec58e2192: 'Modus',
  // Invited (${0})
  s179a6c620d5db295: str`Eingeladen (${0})`,
  // Could not load the invitees.
  sf8bec7deae28050f: 'Die Eingeladenen konnten nicht geladen werden.',
  // No one is invited.
  s3c38d0c1331b4b81: 'Niemand ist eingeladen.',
  // In the conference now (${0})
  s8f4e0919a711c844: str`Jetzt in der Konferenz (${0})`,
  // In the conference now
  sc3f9359abe1801e9: 'Jetzt in der Konferenz',
  // Could not load the participants.
  s242c4f8137335d0e: 'Die Teilnehmenden konnten nicht geladen werden.',
  // No one has joined yet.
  sd1ef1b067c2ab7f5: 'Noch ist niemand beigetreten.',
  // Invite into the conference
  sf3b9a0f2efa6e991: 'In die Konferenz einladen',
  // User id or email
  scdb93304269911b0: 'Benutzer-ID oder E-Mail',
  // Inviting…
  s9da6f98cea23b9f7: 'Wird eingeladen…',
  // Invite
  s2afc9a717c161490: 'Einladen',
  // conference-list/conference-list.component.ts
  // ${0} more conference loaded.
  s8bec2539cd9e60bd: str`${0} weitere Konferenz geladen.`,
  // ${0} more conferences loaded.
  s4fefc464a5960cc8: str`Weitere Konferenzen geladen: ${0}.`,
  // ${0} conference.
  s9aab9148910dd9f9: str`${0} Konferenz.`,
  // ${0} conferences.
  se097334e7b904ddc: str`Konferenzen: ${0}.`,
  // Room
  sca7d152bef51d9ba: 'Raum',
  // You
  scb6a9c1a1757adbc: 'Sie',
  // Owner: ${0}
  s8c72cc99d1d92e60: str`Organisator: ${0}`,
  // Conferences
  s206395db078d7af0: 'Konferenzen',
  // Retry
  s2c8189544e3ea679: 'Erneut versuchen',
  // Loading conferences…
  s9194eef720c085f2: 'Konferenzen werden geladen…',
  // No upcoming conferences.
  sf0e41d679faba463: 'Keine anstehenden Konferenzen.',
  // No conferences are running now.
  s26825e9f853f147a: 'Zurzeit läuft keine Konferenz.',
  // You have no conferences yet.
  s8fc9a944ada6003a: 'Sie haben noch keine Konferenzen.',
  // Sign in to see your conferences.
  s5ba78d2657681b71: 'Melden Sie sich an, um Ihre Konferenzen zu sehen.',
  // Load more
  s7584ded3d749c75e: 'Mehr laden',
  // create-meeting/create-meeting.component.ts
  // Standard
  s53a526d5c80c3e28: 'Standard',
  // No schedule (permanent room)
  see8aa8a14e0e69fd: 'Ohne Termin (dauerhafter Raum)',
  // Once
  s319ccfc06c45f9a4: 'Einmalig',
  // Weekly
  s1ed5bb575207cece: 'Wöchentlich',
  // Enter user ids or email addresses, separated by spaces or commas.
  sa7f99d1a74b6d911: 'Geben Sie Benutzer-IDs oder E-Mail-Adressen ein, getrennt durch Leerzeichen oder Kommas.',
  // Meeting “${0}” created.
  s6994ff1ed0fd16a7: str`Meeting „${0}“ wurde erstellt.`,
  // Sign in to create a meeting.
  s171686444382bbf4: 'Melden Sie sich an, um ein Meeting zu erstellen.',
  // Topic
  s11cc72e3db49fec4: 'Thema',
  // Description (optional)
  s4751dfb9fb0442c4: 'Beschreibung (optional)',
  // Creating…
  s84fe348d9e99e6b0: 'Wird erstellt…',
  // Create meeting
  sd6066572fe06e060: 'Meeting erstellen',
  // Schedule
  s9b8dccb514a0e34c: 'Zeitplan',
  // Starting on
  se2610e61d1cf6f76: 'Beginnend am',
  // Date
  sac8252732f2edb19: 'Datum',
  // Time
  s48e186fb300e5464: 'Uhrzeit',
  // Duration (minutes)
  s07dff3b3b2bec56d: 'Dauer (Minuten)',
  // Time zone
  sc9757b387904aaba: 'Zeitzone',
  // Repeat on
  s33fe6f3c26786a57: 'Wiederholen am',
  // Invite people
  s5c0257180e3ef2d3: 'Personen einladen',
  // Add
  sf9aee319a006c9b4: 'Hinzufügen',
  // User id or email; press Enter to add.
  s6ea7afb90b647328: 'Benutzer-ID oder E-Mail; mit Enter hinzufügen.',
  // Invited people
  s9a0eba8808b2c4b7: 'Eingeladene Personen',
  // Remove ${0}
  s2fa05f91c1baa29b: str`${0} entfernen`,
  // Maximum participants (optional)
  sc1b5a6836ccc3b50: 'Maximale Teilnehmerzahl (optional)',
  // Allow guests (people without an account)
  s992f55efffd9200b: 'Gäste zulassen (Personen ohne Konto)',
  // You are offline. Connect to the network, then try again.
  s299694cc5bc46ff3: 'Sie sind offline. Stellen Sie eine Netzwerkverbindung her und versuchen Sie es erneut.',
  // The server had a problem, so the meeting may not have been created. Try again: it will not be created twice.
  s22585e81d705e5c6: 'Auf dem Server ist ein Fehler aufgetreten; das Meeting wurde womöglich nicht erstellt. Versuchen Sie es erneut – es wird nicht doppelt angelegt.',
  // Could not reach the server. Check your connection, then try again.
  sb61ffb1bd75a4283: 'Der Server war nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  // The server did not answer in time. Try again: the meeting will not be created twice.
  s4dd545ddfdf4b7e2: 'Der Server hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut – das Meeting wird nicht doppelt angelegt.',
  // Too many requests. Try again in ${0} seconds.
  s78f4620135d4a33b: str`Zu viele Anfragen. Versuchen Sie es in ${0} s erneut.`,
  // Too many requests. Try again in a moment.
  s3f6b10a310411689: 'Zu viele Anfragen. Versuchen Sie es gleich noch einmal.',
  // Your sign-in has expired. Sign in again, then create the meeting.
  s14970433f1a57f7d: 'Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an und erstellen Sie dann das Meeting.',
  // You are not allowed to create meetings.
  s7de9ef5fdaaf6034: 'Sie dürfen keine Meetings erstellen.',
  // The server did not accept the meeting:
  sde031095aa09b41f: 'Der Server hat das Meeting nicht angenommen:',
  // create-meeting/meeting-form.ts
  // Enter a date and a time.
  s3a7ab10000afadd9: 'Geben Sie Datum und Uhrzeit ein.',
  // This time does not exist in the chosen time zone (the clocks change then).
  s8cecd4a0f5cac23c: 'Diese Uhrzeit gibt es in der gewählten Zeitzone nicht (die Uhr wird dann umgestellt).',
  // Choose a time in the future.
  sd47b0ad98ebfeb07: 'Wählen Sie einen Zeitpunkt in der Zukunft.',
  // Enter a topic.
  sbf212a7067ecd22d: 'Geben Sie ein Thema ein.',
  // Use at most ${0} characters.
  sabb445fbbf8791d8: str`Höchstens ${0} Zeichen.`,
  // Choose a time zone.
  s72e68071f0e6f5d8: 'Wählen Sie eine Zeitzone.',
  // Choose at least one day.
  sd67eac11415e43c8: 'Wählen Sie mindestens einen Tag.',
  // Enter a duration from 1 to ${0} minutes.
  s1d536c3127ce4985: str`Geben Sie eine Dauer von 1 bis ${0} Minuten ein.`,
  // Enter a whole number, at least 1.
  sb28c13139c1c3f35: 'Geben Sie eine ganze Zahl ab 1 ein.',
  // join-button/join-button.component.ts
  // This conference has no join link.
  sfe02817704d9831e: 'Für diese Konferenz gibt es keinen Beitrittslink.',
  // The join link is not a valid URL.
  s151bebf83806019d: 'Der Beitrittslink ist keine gültige URL.',
  // The join link uses ${0}, which is not allowed.
  s2725f015386b1392: str`Der Beitrittslink verwendet ${0}; das ist nicht erlaubt.`,
  // The join link is not secure (http:).
  s08c6e1276e380c4b: 'Der Beitrittslink ist nicht sicher (http:).',
  // The join link contains a password.
  s7721ae2fbb41cb5f: 'Der Beitrittslink enthält ein Passwort.',
  // The join link points to ${0}, which is not this conference server.
  s07a8229dc2855c51: str`Der Beitrittslink führt zu ${0}, nicht zum Server dieser Konferenz.`,
  // Join
  s6c6bf3ea2ad3d219: 'Beitreten',
  // Sign in to join.
  sbd7eb6fc3e403852: 'Melden Sie sich an, um beizutreten.',
  // No conference given.
  s78d795c6a82e4839: 'Keine Konferenz angegeben.',
  // You can't join this conference.
  s7d37e8fcfb72fed1: 'Sie können dieser Konferenz nicht beitreten.',
  // Start
  sae1c7f13b7c0c47f: 'Starten',
  // Waiting for the owner to start it.
  s3f45c78f8420ad5d: 'Warten, bis der Organisator sie startet.',
  // No <tc-session> with id "${0}" for phone calls.
  s424dfb4e813402b1: str`Für Telefonanrufe gibt es keine <tc-session> mit der ID „${0}“.`,
  // The phone session is not a configured Telphin session.
  sc16443e140df6aa6: 'Die Telefonsitzung ist keine konfigurierte Telphin-Sitzung.',
  // Sign in to the phone service first.
  s650e814b9f3728d8: 'Melden Sie sich zuerst beim Telefondienst an.',
  // Calling your phone is not available yet.
  sdbb95df87b945244: 'Der Anruf auf Ihr Telefon ist noch nicht verfügbar.',
  // Starting…
  sf96e5892f9ec390d: 'Wird gestartet…',
  // Link copied
  s1f224cf8b88cb893: 'Link kopiert',
  // Copy guest link
  sf99a0394ffc8180c: 'Gastlink kopieren',
  // Copy the guest link:
  sf53cfffeeb14a9ad: 'Kopieren Sie den Gastlink:',
  // Call my phone
  se9d22fbb204a3d31: 'Mich anrufen',
  // Guest link copied.
  s734bb174dbeebd8b: 'Gastlink kopiert.',
  // login-button/login-button.component.ts
  // Signed in
  s28061c0680034594: 'Angemeldet',
  // Sign out
  s7cfe12cd14df9950: 'Abmelden',
  // No <tc-session> found on this page.
  s3c3ddc38185dff44: 'Auf dieser Seite gibt es kein <tc-session>.',
  // Sign in
  s5e27738a2e8eb763: 'Anmelden',
  // shared/error-text.ts
  // Can't reach the server. Check your connection.
  s93a7bd7ab0a084d6: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung.',
  // The server took too long to answer.
  sc91a5202809f600b: 'Der Server hat zu lange nicht geantwortet.',
  // The server had a problem.
  sd0481bc649f4a4b8: 'Auf dem Server ist ein Fehler aufgetreten.',
  // The server sent an answer that could not be read.
  s35ae788d1f632564: 'Die Antwort des Servers konnte nicht gelesen werden.',
  // Too many requests. Try again in ${0} s.
  s4d9e293fadfd05c7: str`Zu viele Anfragen. Versuchen Sie es in ${0} s erneut.`,
  // Too many requests. Try again shortly.
  s53c0aa4f5a994b02: 'Zu viele Anfragen. Versuchen Sie es gleich noch einmal.',
  // Your sign-in has expired. Sign in again.
  sf2cc0866a8f5c5dc: 'Ihre Anmeldung ist abgelaufen. Melden Sie sich erneut an.',
  // You don't have permission to do this.
  s6d3011a0da216a4b: 'Dazu fehlt Ihnen die Berechtigung.',
  // Not found.
  s4ccb8c85fa9b1f5c: 'Nicht gefunden.',
  // Some values were not accepted.
  s091ae6b3d500fabe: 'Einige Angaben wurden nicht akzeptiert.',
  // Someone else changed this in the meantime.
  s84d13c610edd5ac2: 'Jemand anderes hat dies inzwischen geändert.',
  // The widget is not configured correctly.
  scd879eaccc187dc0: 'Das Widget ist nicht richtig konfiguriert.',
  // The request was cancelled.
  s80de151787335da7: 'Die Anfrage wurde abgebrochen.',
  // shared/schedule-format.ts
  // Weekly on ${0}
  s379d2ceee6e63ba5: str`Wöchentlich: ${0}`,
  // Starting soon
  s080844ef51c13f60: 'Beginnt gleich',
  // Starts in ${0} min
  s6ba9b7e5af051959: str`Beginnt in ${0} Min.`,
  // Starts at ${0}
  s810f2fabe88444ff: str`Beginnt um ${0}`,
  // Starts ${0}
  sf6794e7e16be8116: str`Beginnt am ${0}`,
  // Conference lists for this service are not available yet.
  s30ef5e614c7e7a04: 'Konferenzlisten sind für diesen Dienst noch nicht verfügbar.',
  // Creating meetings on this service is not available yet.
  s7c1e2063e2af3de2: 'Besprechungen lassen sich für diesen Dienst noch nicht anlegen.',
};
