import "./globals.css";
import "@/components/ui/ui.css";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { LocaleProvider } from "@/lib/i18n/locale-provider";
import { getRequestLocale } from "@/lib/i18n/request-locale";

export const metadata: Metadata = {
  title: { default: "Lastmile", template: "%s · Lastmile" },
  description: "Live delivery tracking for customers, drivers and dispatch.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0b5cad",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  return (
    <html lang={locale}>
      <body>
        <LocaleProvider serverLocale={locale}>{children}</LocaleProvider>
      </body>
    </html>
  );
}
