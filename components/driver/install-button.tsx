"use client";
import { useEffect, useState } from "react";
import { useMessages } from "@/lib/i18n/locale-provider";

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

/** Offers "Install app" only where the browser offers installation (`beforeinstallprompt`). */
export function InstallButton() {
  const label = useMessages().driver.install;
  const [promptEvent, setPromptEvent] = useState<BeforeInstallPromptEvent | null>(null);
  useEffect(() => {
    const onPrompt = (event: Event) => {
      event.preventDefault();
      setPromptEvent(event as BeforeInstallPromptEvent);
    };
    const onInstalled = () => setPromptEvent(null);
    window.addEventListener("beforeinstallprompt", onPrompt);
    window.addEventListener("appinstalled", onInstalled);
    return () => {
      window.removeEventListener("beforeinstallprompt", onPrompt);
      window.removeEventListener("appinstalled", onInstalled);
    };
  }, []);
  if (!promptEvent) return null;
  const install = async () => {
    await promptEvent.prompt();
    await promptEvent.userChoice;
    setPromptEvent(null);
  };
  return (
    <button type="button" className="ui-button ui-button--secondary ui-button--sm" onClick={() => void install()} data-testid="install-app">
      {label}
    </button>
  );
}
