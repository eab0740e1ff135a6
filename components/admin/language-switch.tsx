"use client";
import { useAdminMessages } from "@/lib/admin/use-admin-messages";
import { writeLocaleChoice } from "@/lib/i18n/locale-choice";
import { useLocale } from "@/lib/i18n/locale-provider";
import { LOCALES } from "@/lib/i18n/locales";

/** English | Español: the choice is kept for this browser (lib/i18n/locale-choice.ts) and the page follows at once. */
export function LanguageSwitch() {
  const t = useAdminMessages();
  const locale = useLocale();
  return (
    <div className="admin-language" role="group" aria-label={t.language.label} data-testid="language-switch">
      {LOCALES.map((value) => (
        <button key={value} type="button" lang={value} className="admin-language__option" aria-pressed={value === locale} onClick={() => writeLocaleChoice(value, "/admin")}>
          {t.language.names[value]}
        </button>
      ))}
    </div>
  );
}
