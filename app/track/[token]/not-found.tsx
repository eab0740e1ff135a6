import Link from "next/link";
import { BrandHeader } from "@/components/brand-header";
import { getMessages } from "@/lib/i18n/messages";
import { getRequestLocale } from "@/lib/i18n/request-locale";

export default async function TrackingNotFound() {
  const messages = getMessages(await getRequestLocale());
  return (
    <main className="page">
      <BrandHeader name={messages.appName} />
      <h1>{messages.notFound.trackingTitle}</h1>
      <p>{messages.notFound.trackingBody}</p>
      <p>
        <Link href="/">{messages.notFound.home}</Link>
      </p>
    </main>
  );
}
