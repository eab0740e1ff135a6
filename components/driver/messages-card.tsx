"use client";
import { formatTime } from "@/lib/i18n/format";
import { useMessages } from "@/lib/i18n/locale-provider";
import type { TDriverMessage } from "@/lib/schemas/driver-messages";
import { Button } from "../ui/button";
import { Card } from "../ui/card";

/** Unread messages from dispatch, newest last; "Got it" sends the read receipt. */
export function MessagesCard({ unread, onRead }: { unread: TDriverMessage[]; onRead(id: string): void }) {
  const t = useMessages().driver.messages;
  if (unread.length === 0) return null;
  return (
    <Card title={t.title(unread.length)} tone="info" className="driver-messages" aria-label={t.title(unread.length)} data-testid="driver-messages">
      <ul>
        {unread.map((message) => (
          <li key={message.id} data-testid="driver-message" data-message-id={message.id}>
            <p>{message.body}</p>
            <small>
              {/* A message sent with the admin token has no person behind it: it is from dispatch. */}
              {message.author.staffId ? message.author.name : t.dispatch} · {formatTime(message.createdAt)}
            </small>
            <Button onClick={() => onRead(message.id)} data-testid="mark-message-read">
              {t.gotIt}
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}
