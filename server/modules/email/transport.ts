import nodemailer from "nodemailer";
import { serverEnv, type MailSettings } from "@/server/env";

/** What delivery needs from a mail server: send one message, or throw why not. */
export interface Mailer {
  send(message: { from: string; to: string; subject: string; text: string; html: string }): Promise<void>;
}

/** This process's e-mail settings; null when STEWARD_SMTP_URL is unset and e-mail is off. */
export const mailSettings = (): MailSettings | null => serverEnv().mail;

/**
 * A mailer over SMTP (nodemailer). Timeouts are short so that a relay that hangs costs a retry,
 * not a delivery run stuck for minutes; nodemailer's defaults wait up to ten minutes on a socket.
 */
export function smtpMailer(smtpUrl: string): Mailer & { close(): void } {
  const transporter = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as nodemailer.TransportOptions);
  return {
    async send(m) {
      await transporter.sendMail(m);
    },
    close: () => transporter.close(),
  };
}

let processMailer: Mailer | null | undefined;

/** The process's mailer, made once from STEWARD_SMTP_URL; null when e-mail is off. */
export function defaultMailer(): Mailer | null {
  if (processMailer === undefined) {
    const settings = mailSettings();
    processMailer = settings ? smtpMailer(settings.smtpUrl) : null;
  }
  return processMailer;
}
