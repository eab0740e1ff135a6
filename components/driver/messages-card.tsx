"use client";
import type { TDriverMessage } from "@/lib/schemas/driver-messages";

/** Unread messages from dispatch, newest last; "Got it" sends the read receipt. */
export function MessagesCard({ unread, onRead }: { unread: TDriverMessage[]; onRead(id: string): void }) {
  if (unread.length === 0) return null;
  return (
    <section className="card driver-messages" aria-label="Messages from dispatch" data-testid="driver-messages">
      <h2>Messages from dispatch ({unread.length})</h2>
      <ul>
        {unread.map((message) => (
          <li key={message.id} data-testid="driver-message" data-message-id={message.id}>
            <p>{message.body}</p>
            <small>
              {message.author.name} · {new Date(message.createdAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}
            </small>
            <button type="button" className="button" onClick={() => onRead(message.id)} data-testid="mark-message-read">
              Got it
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
