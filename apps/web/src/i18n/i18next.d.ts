// Typed translation keys: t('nav.users') is checked against the zh-CN resources.
import 'i18next';
import type { zhCN } from './zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
