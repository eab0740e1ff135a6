import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { BrandHeader } from "@/components/brand-header";
import { TrackingView } from "@/components/tracking/tracking-view";
import { getMessages } from "@/lib/i18n/messages";
import { getRequestLocale } from "@/lib/i18n/request-locale";
import { getPageServices } from "@/server/page-services";

type Params = Promise<{ token: string }>;

export async function generateMetadata(): Promise<Metadata> {
  const messages = getMessages(await getRequestLocale());
  // A tracking link is private: keep it out of search engines.
  return { title: messages.tracking.pageTitle, robots: { index: false, follow: false } };
}

export default async function TrackingPage({ params }: { params: Params }) {
  // Rendered per request only: the services exist in the running server, never at build time.
  await connection();
  const { token } = await params;
  const services = getPageServices();
  const order = await services.getCustomerOrderByToken(token);
  if (!order) notFound();

  const messages = getMessages(await getRequestLocale());
  return (
    <main className="page page--tracking">
      <BrandHeader name={messages.appName} />
      <h1 className="visually-hidden">{messages.tracking.pageTitle}</h1>
      {/* A new token is a new order: start its state from scratch. */}
      <TrackingView
        key={token}
        token={token}
        initial={order}
        tileUrl={services.map.tileUrl}
        tileAttribution={services.map.tileAttribution}
        silentAfterMs={services.silentAfterMs}
        notifications={services.notifications}
      />
    </main>
  );
}
