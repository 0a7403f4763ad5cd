// Typed translation keys: t('nav.users') is checked against the zh-CN resources, the shared ones and every
// feature's.
import 'i18next';
import type { zhCN } from './resources.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}
