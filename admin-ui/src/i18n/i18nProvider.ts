import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import { sv } from './sv';

export const LOCALES = [
  { locale: 'sv', name: 'Svenska' },
  { locale: 'en', name: 'English' },
];

// Swedish ships with the first load; English is fetched only when someone picks it.
const messages = (locale: string): TranslationMessages | Promise<TranslationMessages> =>
  locale === 'en' ? import('./en').then((module) => module.en) : sv;

// Missing keys are not allowed, so Polyglot warns in the console about any text left untranslated.
const polyglot = polyglotI18nProvider(messages, 'sv', LOCALES);

/**
 * The UI's language, for what lives outside React: `<html lang>` (screen readers pronounce by
 * it, WCAG 3.1.1) and the `Accept-Language` the API answers its messages in (common/http.ts).
 */
export const currentLocale = (): string => polyglot.getLocale();

const showLocale = (locale: string): void => {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
};

/** react-admin's Polyglot provider; a change of language also changes `<html lang>`. */
export const i18nProvider: I18nProvider = {
  ...polyglot,
  changeLocale: async (locale, options) => {
    await polyglot.changeLocale(locale, options);
    showLocale(polyglot.getLocale());
  },
};
