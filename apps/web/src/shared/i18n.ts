/**
 * @module shared/i18n
 * Korean by default, English on request: one table per face, the same keys in both languages
 * (checked by the type), the choice kept in localStorage and put on `<html lang>`.
 */

export type Lang = 'ko' | 'en';

// Neutral key names (see messenger/settings.ts).
const LANG_KEY = 'app.lang';

export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  document.documentElement.lang = lang;
}

/** A translator over a table: `t('key', { n: 3 })` fills `{n}`. */
export function translator<K extends string>(
  tables: Record<Lang, Record<K, string>>,
  lang: () => Lang,
): (key: K, vars?: Record<string, string | number>) => string {
  return (key, vars) => {
    const text = tables[lang()][key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
  };
}
