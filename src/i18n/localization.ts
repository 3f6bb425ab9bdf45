import type { ReactiveControllerHost, ReactiveElement } from 'lit';
import { configureLocalization, LOCALE_STATUS_EVENT, updateWhenLocaleChanges, type LocaleModule } from '@lit/localize';

/**
 * Message language for every tc-* element on the page.
 *
 * @lit/localize keeps one active locale per page, so the messages follow `<html lang>` (not the
 * nearest `lang` attribute; dates and numbers do follow the nearest one). Nothing here runs at
 * import time: the elements call `initLocalization()` when they are constructed, so importing the
 * headless core stays free of `window`.
 */

export const SUPPORTED_LOCALES = ['en', 'ru', 'de'] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];
export const SOURCE_LOCALE: SupportedLocale = 'en';

// English is the source text compiled into the elements; the others are separate modules.
const loaders: Record<Exclude<SupportedLocale, 'en'>, () => Promise<LocaleModule>> = {
  ru: () => import('./locales/ru.js'),
  de: () => import('./locales/de.js'),
};

type Runtime = ReturnType<typeof configureLocalization>;
let runtime: Runtime | undefined;
let initialised = false;
let observer: MutationObserver | undefined;

/** Maps any BCP 47 tag (`de-AT`, `ru_RU`, `EN`) to a supported locale; anything else is English. */
export function resolveLocale(tag: string | null | undefined): SupportedLocale {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LOCALES as readonly string[]).includes(primary ?? '') ? (primary as SupportedLocale) : SOURCE_LOCALE;
}

/**
 * Starts localization once per page: configures @lit/localize and follows `<html lang>`.
 * Safe to call any number of times; a no-op outside a browser.
 */
export function initLocalization(): void {
  if (initialised || typeof document === 'undefined') return;
  initialised = true;
  try {
    runtime = configureLocalization({
      sourceLocale: SOURCE_LOCALE,
      targetLocales: SUPPORTED_LOCALES.filter((l) => l !== SOURCE_LOCALE),
      loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
    });
  } catch (error) {
    // The page configured the same copy of @lit/localize itself; its configuration wins.
    console.warn('tc-widgets: @lit/localize is already configured on this page; messages stay as configured there.', error);
    return;
  }
  followDocumentLanguage();
}

/** The locale whose messages are rendered now (`'en'` until localization starts). */
export function getLocale(): SupportedLocale {
  return resolveLocale(runtime?.getLocale());
}

/**
 * Chooses the message language explicitly (any BCP 47 tag; unsupported ones give English) and
 * stops following `<html lang>` until `followDocumentLanguage()` is called. Resolves when the
 * elements have the new messages.
 */
export function setLocale(locale: string): Promise<void> {
  initLocalization();
  stopFollowing();
  return apply(resolveLocale(locale));
}

/** Goes back to the default: the messages follow `<html lang>`, including later changes. */
export function followDocumentLanguage(): Promise<void> {
  initLocalization();
  if (!runtime) return Promise.resolve();
  const root = document.documentElement;
  if (!observer) {
    observer = new MutationObserver(() => void onDocumentLanguageChange(root.lang));
    observer.observe(root, { attributes: true, attributeFilter: ['lang'] });
  }
  return apply(resolveLocale(root.lang)).catch(warnLoadFailure);
}

async function onDocumentLanguageChange(lang: string): Promise<void> {
  const locale = resolveLocale(lang);
  const sameMessages = locale === runtime?.getLocale();
  await apply(locale).catch(warnLoadFailure);
  // en-US -> en-GB keeps the messages but changes how dates and numbers read: re-render anyway,
  // through the event the elements already listen to.
  if (sameMessages) window.dispatchEvent(new CustomEvent(LOCALE_STATUS_EVENT, { detail: { status: 'ready', readyLocale: locale } }));
}

function stopFollowing(): void {
  observer?.disconnect();
  observer = undefined;
}

function apply(locale: SupportedLocale): Promise<void> {
  return runtime ? runtime.setLocale(locale) : Promise.resolve();
}

// A locale chunk that fails to load (offline, CDN hiccup) leaves the previous language in place.
function warnLoadFailure(error: unknown): void {
  console.warn('tc-widgets: could not load the messages for the page language; keeping the current one.', error);
}

/**
 * For element constructors: starts localization and re-renders the element when the message
 * language changes (the @lit/localize `updateWhenLocaleChanges`, plus the page-wide start).
 */
export function localize(host: ReactiveControllerHost): void {
  initLocalization();
  updateWhenLocaleChanges(host);
}

/** Class decorator form of `localize()`, a drop-in for @lit/localize's `@localized()`. */
export const localized =
  () =>
  <T extends typeof ReactiveElement>(clazz: T, _context?: unknown): T => {
    clazz.addInitializer(localize);
    return clazz;
  };
