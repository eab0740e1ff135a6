/**
 * Sends notification emails through the operator's SMTP server (SMTP_URL, MAIL_FROM). The
 * address is personal data: it goes to the SMTP server and nowhere else (never a log line).
 */
import nodemailer from "nodemailer";

export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from, to, subject, text });
    },
    close: () => transport.close(),
  };
}
