/**
 * Russian messages, in the format @lit/localize's runtime mode loads: ids are the ones msg()
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
  s3d1396b47ff4a56f: 'Идёт',
  // Scheduled
  sf2d5ffb20d61fcf8: 'Запланирована',
  // Ended
  sf113fa256db9617b: 'Завершена',
  // Room, not running
  s613eeab3af74be00: 'Комната, не запущена',
  // Not running
  s9b1a610c6b10af9d: 'Не запущена',
  // All on screen
  s164c929cd9cba2c3: 'Все на экране',
  // Lecture
  sbabc1f87bc74a3d1: 'Лекция',
  // Role-based (moderated)
  s8a00cd7641ffb481: 'Ролевая (с модератором)',
  // Smart meeting
  se6674bc32bd16433: 'Умное совещание',
  // Owner
  sb971debc37bf0b54: 'Организатор',
  // Moderator
  s5278069b1e2436e4: 'Модератор',
  // Speaker
  s2176770969da5882: 'Докладчик',
  // Guest
  se18c9f83ecd43653: 'Гость',
  // Enter a user id or email.
  s1dfdd476e4bed9b3: 'Введите идентификатор пользователя или e-mail.',
  // Invited ${0}.
  sc1c6faa46b4c2290: str`${0}: приглашение отправлено.`,
  // Sign in to see this conference.
  s61d3b3fecfebc25d: 'Войдите, чтобы увидеть эту конференцию.',
  // No conference selected.
  s89b599106c194ced: 'Конференция не выбрана.',
  // This conference does not exist or was deleted.
  s3ba4b0f0e4291741: 'Такой конференции нет, или она удалена.',
  // Try again
  scd1dd6ff53d0d01a: 'Повторить попытку',
  // Loading…
  s6ebc9bd6feae62a3: 'Загрузка…',
  // Any time (permanent room)
  s0267d8736d67031a: 'В любое время (постоянная комната)',
  // Could not refresh:
  s3d873b5db017fb8a: 'Не удалось обновить:',
  // When
  sc683c10250a1b719: 'Когда',
  // Mode
  s37cbecaec58e2192: 'Режим',
  // Invited (${0})
  s179a6c620d5db295: str`Приглашены (${0})`,
  // Could not load the invitees.
  sf8bec7deae28050f: 'Не удалось загрузить список приглашённых.',
  // No one is invited.
  s3c38d0c1331b4b81: 'Никто не приглашён.',
  // In the conference now (${0})
  s8f4e0919a711c844: str`Сейчас в конференции (${0})`,
  // In the conference now
  sc3f9359abe1801e9: 'Сейчас в конференции',
  // Could not load the participants.
  s242c4f8137335d0e: 'Не удалось загрузить список участников.',
  // No one has joined yet.
  sd1ef1b067c2ab7f5: 'Пока никто не подключился.',
  // Invite into the conference
  sf3b9a0f2efa6e991: 'Пригласить в конференцию',
  // User id or email
  scdb93304269911b0: 'Идентификатор пользователя или e-mail',
  // Inviting…
  s9da6f98cea23b9f7: 'Приглашаем…',
  // Invite
  s2afc9a717c161490: 'Пригласить',
  // conference-list/conference-list.component.ts
  // ${0} more conference loaded.
  s8bec2539cd9e60bd: str`Загружена ещё ${0} конференция.`,
  // ${0} more conferences loaded.
  s4fefc464a5960cc8: str`Загружено ещё конференций: ${0}.`,
  // ${0} conference.
  s9aab9148910dd9f9: str`${0} конференция.`,
  // ${0} conferences.
  se097334e7b904ddc: str`Конференций: ${0}.`,
  // Room
  sca7d152bef51d9ba: 'Комната',
  // You
  scb6a9c1a1757adbc: 'Вы',
  // Owner: ${0}
  s8c72cc99d1d92e60: str`Организатор: ${0}`,
  // Conferences
  s206395db078d7af0: 'Конференции',
  // Retry
  s2c8189544e3ea679: 'Повторить',
  // Loading conferences…
  s9194eef720c085f2: 'Загрузка конференций…',
  // No upcoming conferences.
  sf0e41d679faba463: 'Нет предстоящих конференций.',
  // No conferences are running now.
  s26825e9f853f147a: 'Сейчас не идёт ни одной конференции.',
  // You have no conferences yet.
  s8fc9a944ada6003a: 'У вас пока нет конференций.',
  // Sign in to see your conferences.
  s5ba78d2657681b71: 'Войдите, чтобы увидеть свои конференции.',
  // Load more
  s7584ded3d749c75e: 'Загрузить ещё',
  // create-meeting/create-meeting.component.ts
  // Standard
  s53a526d5c80c3e28: 'Стандартный',
  // No schedule (permanent room)
  see8aa8a14e0e69fd: 'Без расписания (постоянная комната)',
  // Once
  s319ccfc06c45f9a4: 'Однократно',
  // Weekly
  s1ed5bb575207cece: 'Еженедельно',
  // Enter user ids or email addresses, separated by spaces or commas.
  sa7f99d1a74b6d911: 'Введите идентификаторы пользователей или адреса e-mail через пробел или запятую.',
  // Meeting “${0}” created.
  s6994ff1ed0fd16a7: str`Встреча «${0}» создана.`,
  // Sign in to create a meeting.
  s171686444382bbf4: 'Войдите, чтобы создать встречу.',
  // Topic
  s11cc72e3db49fec4: 'Тема',
  // Description (optional)
  s4751dfb9fb0442c4: 'Описание (необязательно)',
  // Creating…
  s84fe348d9e99e6b0: 'Создаём…',
  // Create meeting
  sd6066572fe06e060: 'Создать встречу',
  // Schedule
  s9b8dccb514a0e34c: 'Расписание',
  // Starting on
  se2610e61d1cf6f76: 'Начиная с',
  // Date
  sac8252732f2edb19: 'Дата',
  // Time
  s48e186fb300e5464: 'Время',
  // Duration (minutes)
  s07dff3b3b2bec56d: 'Длительность (мин)',
  // Time zone
  sc9757b387904aaba: 'Часовой пояс',
  // Repeat on
  s33fe6f3c26786a57: 'Дни повторения',
  // Invite people
  s5c0257180e3ef2d3: 'Пригласить участников',
  // Add
  sf9aee319a006c9b4: 'Добавить',
  // User id or email; press Enter to add.
  s6ea7afb90b647328: 'Идентификатор или e-mail; нажмите Enter, чтобы добавить.',
  // Invited people
  s9a0eba8808b2c4b7: 'Приглашённые',
  // Remove ${0}
  s2fa05f91c1baa29b: str`Удалить ${0}`,
  // Maximum participants (optional)
  sc1b5a6836ccc3b50: 'Максимум участников (необязательно)',
  // Allow guests (people without an account)
  s992f55efffd9200b: 'Разрешить гостей (без учётной записи)',
  // You are offline. Connect to the network, then try again.
  s299694cc5bc46ff3: 'Нет подключения к сети. Подключитесь и повторите попытку.',
  // The server had a problem, so the meeting may not have been created. Try again: it will not be created twice.
  s22585e81d705e5c6: 'На сервере произошла ошибка, и встреча, возможно, не создана. Повторите попытку — дважды она не создастся.',
  // Could not reach the server. Check your connection, then try again.
  sb61ffb1bd75a4283: 'Не удалось связаться с сервером. Проверьте подключение и повторите попытку.',
  // The server did not answer in time. Try again: the meeting will not be created twice.
  s4dd545ddfdf4b7e2: 'Сервер не ответил вовремя. Повторите попытку — дважды встреча не создастся.',
  // Too many requests. Try again in ${0} seconds.
  s78f4620135d4a33b: str`Слишком много запросов. Повторите через ${0} с.`,
  // Too many requests. Try again in a moment.
  s3f6b10a310411689: 'Слишком много запросов. Повторите чуть позже.',
  // Your sign-in has expired. Sign in again, then create the meeting.
  s14970433f1a57f7d: 'Сеанс истёк. Войдите снова, затем создайте встречу.',
  // You are not allowed to create meetings.
  s7de9ef5fdaaf6034: 'У вас нет прав на создание встреч.',
  // The server did not accept the meeting:
  sde031095aa09b41f: 'Сервер не принял встречу:',
  // create-meeting/meeting-form.ts
  // Enter a date and a time.
  s3a7ab10000afadd9: 'Укажите дату и время.',
  // This time does not exist in the chosen time zone (the clocks change then).
  s8cecd4a0f5cac23c: 'В выбранном часовом поясе такого времени нет (в этот момент переводят часы).',
  // Choose a time in the future.
  sd47b0ad98ebfeb07: 'Выберите время в будущем.',
  // Enter a topic.
  sbf212a7067ecd22d: 'Введите тему.',
  // Use at most ${0} characters.
  sabb445fbbf8791d8: str`Максимум символов: ${0}.`,
  // Choose a time zone.
  s72e68071f0e6f5d8: 'Выберите часовой пояс.',
  // Choose at least one day.
  sd67eac11415e43c8: 'Выберите хотя бы один день.',
  // Enter a duration from 1 to ${0} minutes.
  s1d536c3127ce4985: str`Укажите длительность от 1 до ${0} мин.`,
  // Enter a whole number, at least 1.
  sb28c13139c1c3f35: 'Введите целое число не меньше 1.',
  // join-button/join-button.component.ts
  // This conference has no join link.
  sfe02817704d9831e: 'У этой конференции нет ссылки для подключения.',
  // The join link is not a valid URL.
  s151bebf83806019d: 'Ссылка для подключения — некорректный адрес.',
  // The join link uses ${0}, which is not allowed.
  s2725f015386b1392: str`Ссылка для подключения использует ${0}, а это запрещено.`,
  // The join link is not secure (http:).
  s08c6e1276e380c4b: 'Ссылка для подключения небезопасна (http:).',
  // The join link contains a password.
  s7721ae2fbb41cb5f: 'Ссылка для подключения содержит пароль.',
  // The join link points to ${0}, which is not this conference server.
  s07a8229dc2855c51: str`Ссылка для подключения ведёт на ${0}, а не на сервер этой конференции.`,
  // Join
  s6c6bf3ea2ad3d219: 'Подключиться',
  // Sign in to join.
  sbd7eb6fc3e403852: 'Войдите, чтобы подключиться.',
  // No conference given.
  s78d795c6a82e4839: 'Конференция не указана.',
  // You can't join this conference.
  s7d37e8fcfb72fed1: 'Вы не можете подключиться к этой конференции.',
  // Start
  sae1c7f13b7c0c47f: 'Начать',
  // Waiting for the owner to start it.
  s3f45c78f8420ad5d: 'Ждём, когда организатор начнёт конференцию.',
  // No <tc-session> with id "${0}" for phone calls.
  s424dfb4e813402b1: str`Для звонков на телефон нет <tc-session> с id «${0}».`,
  // The phone session is not a configured Telphin session.
  sc16443e140df6aa6: 'Сессия для звонков не является настроенной сессией Telphin.',
  // Sign in to the phone service first.
  s650e814b9f3728d8: 'Сначала войдите в телефонный сервис.',
  // Calling your phone is not available yet.
  sdbb95df87b945244: 'Звонок на ваш телефон пока недоступен.',
  // Starting…
  sf96e5892f9ec390d: 'Запуск…',
  // Link copied
  s1f224cf8b88cb893: 'Ссылка скопирована',
  // Copy guest link
  sf99a0394ffc8180c: 'Копировать гостевую ссылку',
  // Copy the guest link:
  sf53cfffeeb14a9ad: 'Скопируйте гостевую ссылку:',
  // Call my phone
  se9d22fbb204a3d31: 'Позвонить мне',
  // Guest link copied.
  s734bb174dbeebd8b: 'Гостевая ссылка скопирована.',
  // login-button/login-button.component.ts
  // Signed in
  s28061c0680034594: 'Вы вошли',
  // Sign out
  s7cfe12cd14df9950: 'Выйти',
  // No <tc-session> found on this page.
  s3c3ddc38185dff44: 'На странице нет элемента <tc-session>.',
  // Sign in
  s5e27738a2e8eb763: 'Войти',
  // shared/error-text.ts
  // Can't reach the server. Check your connection.
  s93a7bd7ab0a084d6: 'Сервер недоступен. Проверьте подключение к сети.',
  // The server took too long to answer.
  sc91a5202809f600b: 'Сервер слишком долго не отвечает.',
  // The server had a problem.
  sd0481bc649f4a4b8: 'На сервере произошла ошибка.',
  // The server sent an answer that could not be read.
  s35ae788d1f632564: 'Не удалось прочитать ответ сервера.',
  // Too many requests. Try again in ${0} s.
  s4d9e293fadfd05c7: str`Слишком много запросов. Повторите через ${0} с.`,
  // Too many requests. Try again shortly.
  s53c0aa4f5a994b02: 'Слишком много запросов. Повторите чуть позже.',
  // Your sign-in has expired. Sign in again.
  sf2cc0866a8f5c5dc: 'Сеанс истёк. Войдите снова.',
  // You don't have permission to do this.
  s6d3011a0da216a4b: 'У вас нет прав на это действие.',
  // Not found.
  s4ccb8c85fa9b1f5c: 'Не найдено.',
  // Some values were not accepted.
  s091ae6b3d500fabe: 'Некоторые значения не приняты.',
  // Someone else changed this in the meantime.
  s84d13c610edd5ac2: 'Кто-то уже изменил эти данные.',
  // The widget is not configured correctly.
  scd879eaccc187dc0: 'Виджет настроен неправильно.',
  // The request was cancelled.
  s80de151787335da7: 'Запрос отменён.',
  // shared/schedule-format.ts
  // Weekly on ${0}
  s379d2ceee6e63ba5: str`Еженедельно: ${0}`,
  // Starting soon
  s080844ef51c13f60: 'Скоро начнётся',
  // Starts in ${0} min
  s6ba9b7e5af051959: str`Начнётся через ${0} мин`,
  // Starts at ${0}
  s810f2fabe88444ff: str`Начнётся в ${0}`,
  // Starts ${0}
  sf6794e7e16be8116: str`Начнётся ${0}`,
  // Conference lists for this service are not available yet.
  s30ef5e614c7e7a04: 'Списки конференций для этого сервиса пока недоступны.',
  // Creating meetings on this service is not available yet.
  s7c1e2063e2af3de2: 'Создание встреч на этом сервисе пока недоступно.',
};
