import Link from "next/link";
import { BrandHeader } from "@/components/brand-header";
import { getMessages } from "@/lib/i18n/messages";
import { getRequestLocale } from "@/lib/i18n/request-locale";

export default async function HomePage() {
  const messages = getMessages(await getRequestLocale());
  return (
    <main className="page">
      <BrandHeader name={messages.appName} />
      <h1>{messages.home.title}</h1>
      <p className="lead">{messages.home.tagline}</p>
      <p>{messages.home.customers}</p>
      <ul className="link-list">
        <li>
          <span>{messages.home.drivers}</span>
          <Link href="/driver">{messages.home.driversLink}</Link>
        </li>
        <li>
          <span>{messages.home.dispatch}</span>
          <Link href="/admin">{messages.home.dispatchLink}</Link>
        </li>
      </ul>
    </main>
  );
}
