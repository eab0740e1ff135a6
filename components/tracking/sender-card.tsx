import type { ContactLine } from "@/lib/domain/brand";
import type { Messages } from "@/lib/i18n/messages";
import type { TOrderSender } from "@/lib/schemas/customer";
import { Card } from "../ui/card";
import "./branding.css";

/**
 * Who sent the order (its sender and the sender's own order number, when the order carries them)
 * and how to reach someone: the sender's phone or email, else the operator's support. Nothing
 * when there is none of these. A server component: nothing of it changes while the page is open,
 * so the browser neither downloads nor hydrates it.
 */
export function SenderCard({ sender, contact, messages }: { sender: TOrderSender; contact: ContactLine | null; messages: Messages["tracking"]["sender"] }) {
  if (!sender.name && !sender.orderNumber && !contact) return null;
  return (
    <Card className="sender" data-testid="sender" aria-label={messages.from}>
      {(sender.name || sender.orderNumber) && (
        <dl className="sender__facts">
          {sender.name && (
            <div>
              <dt>{messages.from}</dt>
              <dd data-testid="sender-name">{sender.name}</dd>
            </div>
          )}
          {sender.orderNumber && (
            <div>
              <dt>{messages.orderNumber}</dt>
              <dd data-testid="order-number">{sender.orderNumber}</dd>
            </div>
          )}
        </dl>
      )}
      {contact && (
        <p className="sender__contact" data-testid="contact-line" data-source={contact.source}>
          {messages.contact(contact.source)}{" "}
          {contact.phone && (
            <a href={`tel:${contact.phone}`} data-testid="contact-phone">
              {messages.call(contact.phone)}
            </a>
          )}
          {contact.email && (
            <a href={`mailto:${contact.email}`} data-testid="contact-email">
              {messages.write(contact.email)}
            </a>
          )}
        </p>
      )}
    </Card>
  );
}
