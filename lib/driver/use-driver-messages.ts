"use client";
/**
 * Messages from dispatch in the driver app: loaded now, every 15 s while the app is open and
 * whenever it comes back to the foreground; `markRead` sends the read receipt. Failures (offline)
 * keep the last list: the next poll catches up.
 */
import { useCallback, useEffect, useState } from "react";
import { ZDriverMessage, ZDriverMessageList, type TDriverMessage } from "../schemas/driver-messages";

const POLL_MS = 15_000;

export function useDriverMessages(token: string | null): { unread: TDriverMessage[]; markRead(id: string): Promise<void> } {
  const [messages, setMessages] = useState<TDriverMessage[]>([]);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      const response = await fetch("/api/driver/messages", { headers: { Authorization: `Bearer ${token}` }, cache: "no-store" });
      if (!response.ok) return;
      const parsed = ZDriverMessageList.safeParse(await response.json());
      if (parsed.success) setMessages(parsed.data);
    } catch {
      // Offline: keep what we have.
    }
  }, [token]);

  useEffect(() => {
    setMessages([]);
    if (!token) return;
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") void load();
    };
    window.addEventListener("focus", onVisible);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", onVisible);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [token, load]);

  const markRead = useCallback(
    async (id: string) => {
      if (!token) return;
      try {
        const response = await fetch(`/api/driver/messages/${encodeURIComponent(id)}/read`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
        if (!response.ok) return;
        const parsed = ZDriverMessage.safeParse(await response.json());
        if (parsed.success) setMessages((current) => current.map((message) => (message.id === id ? parsed.data : message)));
      } catch {
        // Offline: it stays unread here and on the dashboard until the driver taps again.
      }
    },
    [token],
  );

  return { unread: messages.filter((message) => message.readAt === null), markRead };
}
