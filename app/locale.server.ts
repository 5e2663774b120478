import type { Locale } from "../scoring/domain";
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage } from "./i18n/i18n";

export const LOCALE_COOKIE = "qa_lang";

function cookieLocale(request: Request): Locale | null {
  const header = request.headers.get("Cookie") ?? "";
  const match = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`).exec(header);
  return match && isLocale(match[1]) ? match[1] : null;
}

/** The user's setting, else the language they picked on this browser, else the browser's, else English. */
export function resolveLocale(request: Request, userLocale: Locale | null | undefined): Locale {
  return userLocale ?? cookieLocale(request) ?? localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
