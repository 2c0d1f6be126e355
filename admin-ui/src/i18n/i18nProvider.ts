import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { TranslationMessages } from 'react-admin';
import { sv } from './sv';

export const LOCALES = [
  { locale: 'sv', name: 'Svenska' },
  { locale: 'en', name: 'English' },
];

// Swedish ships with the first load; English is fetched only when someone picks it.
const messages = (locale: string): TranslationMessages | Promise<TranslationMessages> =>
  locale === 'en' ? import('./en').then((module) => module.en) : sv;

// Missing keys are not allowed, so Polyglot warns in the console about any text left untranslated.
export const i18nProvider = polyglotI18nProvider(messages, 'sv', LOCALES);
