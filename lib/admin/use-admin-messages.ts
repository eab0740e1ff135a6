"use client";
import { getAdminMessages, type AdminMessages } from "../i18n/admin-messages";
import { useLocale } from "../i18n/locale-provider";

/** The dashboard's words in the language it shows (components/admin/admin-app.tsx provides it). */
export function useAdminMessages(): AdminMessages {
  return getAdminMessages(useLocale());
}
