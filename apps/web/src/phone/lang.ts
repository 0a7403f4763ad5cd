// The chosen language, kept under the desktop's localStorage key. No React here: the API client reads it
// from the phone's first, smallest script (main.tsx), before React has loaded.
export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'qinqing.lang';

export function currentLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY)?.toLowerCase().startsWith('en') ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang === 'en' ? 'en-US' : 'zh-CN');
  } catch {
    // Private browsing may refuse storage; the switch still applies to this page.
  }
}
