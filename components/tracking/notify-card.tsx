"use client";
import { useEffect, useState, type FormEvent } from "react";
import { useLocale } from "@/lib/i18n/locale-provider";
import { getNotificationTexts } from "@/lib/i18n/notification-messages";
import { subscribeEmail, subscribePush, unsubscribeEmail, unsubscribePush } from "@/lib/realtime/notification-api";
import type { TNotificationOptions } from "@/lib/schemas/notifications";
import { useIsHydrated } from "../use-is-hydrated";

/** The tracking page's own worker: scope /track/, apart from the driver app's (/driver). */
const WORKER_URL = "/tracking-sw.js";
const WORKER_SCOPE = "/track/";

type PushState = "unknown" | "off" | "on" | "busy" | "denied" | "failed";
type EmailState = "idle" | "saving" | "saved" | "removed" | "failed";

function isPushSupported(): boolean {
  return typeof window !== "undefined" && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** PushManager.subscribe wants the VAPID key as bytes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration(WORKER_SCOPE);
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/** "Notify me": web push on this device (where the browser can) and email (when the operator set up SMTP). */
export function NotifyCard({ token, options }: { token: string; options: TNotificationOptions }) {
  const locale = useLocale();
  const texts = getNotificationTexts(locale).card;
  const isHydrated = useIsHydrated();
  const canPush = isHydrated && isPushSupported();
  const [push, setPush] = useState<PushState>("unknown");
  const [email, setEmail] = useState("");
  const [emailState, setEmailState] = useState<EmailState>("idle");

  useEffect(() => {
    if (!canPush) return;
    let isCancelled = false;
    void currentSubscription()
      .then((subscription) => {
        if (isCancelled) return;
        setPush(Notification.permission === "denied" ? "denied" : subscription ? "on" : "off");
      })
      .catch(() => !isCancelled && setPush("off"));
    return () => {
      isCancelled = true;
    };
  }, [canPush]);

  const turnPushOn = async () => {
    setPush("busy");
    try {
      if ((await Notification.requestPermission()) !== "granted") return setPush("denied");
      const registration = await navigator.serviceWorker.register(WORKER_URL, { scope: WORKER_SCOPE });
      const subscription =
        (await registration.pushManager.getSubscription()) ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(options.vapidPublicKey) }));
      const result = await subscribePush(token, subscription.toJSON(), locale);
      setPush(result.ok ? "on" : "failed");
    } catch {
      setPush("failed");
    }
  };

  const turnPushOff = async () => {
    setPush("busy");
    try {
      const subscription = await currentSubscription();
      if (subscription) {
        await unsubscribePush(token, subscription.endpoint);
        await subscription.unsubscribe();
      }
      setPush("off");
    } catch {
      setPush("failed");
    }
  };

  const onEmailSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setEmailState("saving");
    const result = await subscribeEmail(token, email, locale);
    setEmailState(result.ok ? "saved" : "failed");
  };

  const onEmailRemove = async () => {
    setEmailState("saving");
    const result = await unsubscribeEmail(token);
    if (result.ok) setEmail("");
    setEmailState(result.ok ? "removed" : "failed");
  };

  if (!canPush && !options.isEmailEnabled) return null;
  const pushStatus = push === "on" ? texts.pushOn : push === "denied" ? texts.pushDenied : push === "failed" ? texts.pushFailed : "";

  return (
    <section className="card notify" aria-labelledby="notify-heading" data-testid="notify-card">
      <h2 id="notify-heading" className="card__title">
        {texts.title}
      </h2>
      <p className="form__hint">{texts.intro}</p>
      {canPush && (
        <div className="notify__push">
          <label className="notify__toggle">
            <input
              type="checkbox"
              role="switch"
              data-testid="notify-push"
              checked={push === "on"}
              disabled={push === "busy" || push === "unknown" || push === "denied"}
              onChange={(event) => void (event.target.checked ? turnPushOn() : turnPushOff())}
            />
            {texts.push}
          </label>
          <p className="form__status" role="status" aria-live="polite">
            {pushStatus}
          </p>
        </div>
      )}
      {options.isEmailEnabled && (
        // noValidate: the server checks the address and the card says what is wrong in the page's language.
        <form className="form notify__email" noValidate onSubmit={(event) => void onEmailSubmit(event)}>
          <label htmlFor="notify-email">{texts.emailLabel}</label>
          <input
            id="notify-email"
            name="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            value={email}
            data-testid="notify-email"
            onChange={(event) => {
              setEmail(event.target.value);
              setEmailState("idle");
            }}
          />
          <div className="notify__actions">
            <button type="submit" className="button" disabled={emailState === "saving"}>
              {emailState === "saving" ? texts.emailSaving : texts.emailSave}
            </button>
            {emailState === "saved" && (
              <button type="button" className="button button--secondary" onClick={() => void onEmailRemove()}>
                {texts.emailRemove}
              </button>
            )}
          </div>
          <p className="form__status" role="status" aria-live="polite" data-testid="notify-email-status">
            {emailState === "saved" ? texts.emailSaved : emailState === "removed" ? texts.emailRemoved : emailState === "failed" ? texts.emailFailed : ""}
          </p>
        </form>
      )}
    </section>
  );
}
