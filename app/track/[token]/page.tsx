import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { headers } from "next/headers";
import { OperatorHeader } from "@/components/tracking/operator-header";
import { PageClockProvider } from "@/components/tracking/page-clock";
import { SenderCard } from "@/components/tracking/sender-card";
import { TrackingView } from "@/components/tracking/tracking-view";
import { contactLineFor } from "@/lib/domain/brand";
import { supportedLocaleTag } from "@/lib/i18n/format";
import { parseAcceptLanguage } from "@/lib/i18n/locales";
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

  const locale = await getRequestLocale();
  const messages = getMessages(locale);
  // The first HTML carries times (ETA window, timeline) in the server's zone, written as the
  // request's language writes them; the browser switches to its own zone once hydrated.
  const clock = {
    locale: supportedLocaleTag(parseAcceptLanguage((await headers()).get("accept-language"))[0], locale),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    nowMs: Date.now(),
  };
  const contact = contactLineFor({ senderPhone: order.sender.phone, senderEmail: order.sender.email }, services.support);
  return (
    <main className="page page--tracking">
      <OperatorHeader brand={services.brand} />
      <h1 className="visually-hidden">{messages.tracking.pageTitle}</h1>
      <PageClockProvider clock={clock}>
        {/* A new token is a new order: start its state from scratch. */}
        <TrackingView
          key={token}
          token={token}
          initial={order}
          tileUrl={services.map.tileUrl}
          tileAttribution={services.map.tileAttribution}
          silentAfterMs={services.silentAfterMs}
          notifications={services.notifications}
          senderCard={<SenderCard sender={order.sender} contact={contact} messages={messages.tracking.sender} />}
          visibility={services.visibility}
        />
      </PageClockProvider>
    </main>
  );
}
