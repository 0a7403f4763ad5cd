// Language: Chinese by default, English on request; the choice is kept in localStorage and also drives
// dayjs, the Ant Design locale (see app/providers.tsx) and the Accept-Language the API client sends.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '@qinqing/shared';
import { enUS, zhCN } from './resources.ts';

export type Language = 'zh-CN' | 'en-US';

const STORAGE_KEY = 'qinqing.lang';

function normalize(value: string | null | undefined): Language {
  return value?.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

function storedLanguage(): Language {
  try {
    return normalize(localStorage.getItem(STORAGE_KEY));
  } catch {
    return 'zh-CN';
  }
}

function applyLanguage(language: Language): void {
  dayjs.locale(language === 'en-US' ? 'en' : 'zh-cn');
  document.documentElement.lang = language;
  document.title = i18n.t('app.title');
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
applyLanguage(currentLanguage());
i18n.on('languageChanged', (lng) => applyLanguage(normalize(lng)));

export function currentLanguage(): Language {
  return normalize(i18n.language);
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage; the switch still applies to this page.
  }
  void i18n.changeLanguage(language);
}

/** The language key of the label tables in @qinqing/shared (ROLE_LABELS, ORG_UNIT_KIND_LABELS…). */
export function labelLang(language: string = i18n.language): Lang {
  return normalize(language) === 'en-US' ? 'en' : 'zh';
}

export { i18n };
