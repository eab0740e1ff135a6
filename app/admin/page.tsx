import type { Metadata } from "next";
import { connection } from "next/server";
import { AdminApp } from "@/components/admin/admin-app";
import { getAdminMessages } from "@/lib/i18n/admin-messages";
import { getRequestLocale } from "@/lib/i18n/request-locale";
import { getPageServices } from "@/server/page-services";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getAdminMessages(await getRequestLocale()).shell.pageTitle, robots: { index: false, follow: false } };
}

/** The dispatch dashboard; the page holds no fleet data: everything comes after sign-in. */
export default async function AdminPage() {
  await connection();
  const { map, isGeocoderConfigured } = getPageServices();
  // The dashboard's own language choice (its cookie) or the browser's, so the first HTML matches.
  const locale = await getRequestLocale();
  return (
    <main>
      <AdminApp serverLocale={locale} tileUrl={map.tileUrl} tileAttribution={map.tileAttribution} isGeocoderConfigured={isGeocoderConfigured} />
    </main>
  );
}
