import "./driver.css";
import type { Metadata, Viewport } from "next";
import { DriverApp } from "@/components/driver/driver-app";
import { RegisterServiceWorker } from "@/components/driver/register-service-worker";

export const metadata: Metadata = {
  title: "Driver",
  manifest: "/driver.webmanifest",
  robots: { index: false, follow: false },
  appleWebApp: { capable: true, title: "Lastmile Driver", statusBarStyle: "default" },
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "any" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/icons/driver-192.png",
  },
};

export const viewport: Viewport = { themeColor: "#0b5cad" };

/** The driver PWA: a static shell (cached by the service worker); everything else happens on the phone. */
export default function DriverPage() {
  return (
    <main className="page page--driver">
      <RegisterServiceWorker />
      <DriverApp />
    </main>
  );
}
