import type { Metadata } from "next";
import { connection } from "next/server";
import { AdminApp } from "@/components/admin/admin-app";
import { getPageServices } from "@/server/page-services";

export const metadata: Metadata = { title: "Dispatch", robots: { index: false, follow: false } };

/** The dispatch dashboard; the page holds no fleet data: everything comes after sign-in. */
export default async function AdminPage() {
  await connection();
  const { map } = getPageServices();
  return (
    <main>
      <AdminApp tileUrl={map.tileUrl} tileAttribution={map.tileAttribution} />
    </main>
  );
}
