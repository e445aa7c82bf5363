import type { EmailKind } from "@/domain/email-kinds";

/**
 * The text of each e-mail, as plain text and as simple HTML. Pure: the outbox renders a message
 * when the event happens, so it says what was true then. Links are absolute, from the base URL
 * (NEXTAUTH_URL), and lead to the review or segment the message is about.
 */

export interface RenderedEmail {
  kind: EmailKind;
  subject: string;
  text: string;
  html: string;
}

const FOOTER = "You get this e-mail from Steward. To stop e-mails of this kind, open Settings → E-mail notifications:";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
/** One line: a subject never carries a line break (header injection) and stays readable in a mail list. */
const oneLine = (s: string, max = 160) => {
  const flat = s.replace(/[\r\n\t]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

interface Block {
  paragraphs: string[];
  links: Array<{ label: string; href: string }>;
}

function compose(kind: EmailKind, subject: string, baseUrl: string, body: Block): RenderedEmail {
  const settings = `${baseUrl}/settings/notifications`;
  const text = [...body.paragraphs, "", ...body.links.map((l) => `${l.label}: ${l.href}`), "", "--", FOOTER, settings, ""].join("\n");
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a">',
    ...body.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    body.links.length ? `<ul>${body.links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></li>`).join("")}</ul>` : "",
    `<p style="color:#475569;font-size:12px">${escapeHtml(FOOTER)} <a href="${escapeHtml(settings)}">${escapeHtml(settings)}</a></p>`,
    "</body></html>",
  ].join("");
  return { kind, subject: oneLine(subject), text, html };
}

export function reviewAwaitingEmail(baseUrl: string, r: { requestId: string; typeLabel: string; subjectLabel: string; justification: string; requestedBy: string }): RenderedEmail {
  return compose("review_awaiting", `Review awaits you: ${r.subjectLabel}`, baseUrl, {
    paragraphs: [
      `${r.requestedBy} asks for a review (${r.typeLabel.toLowerCase()}) of “${r.subjectLabel}”, and your role can decide it.`,
      r.justification ? `Why: ${r.justification}` : "",
    ].filter(Boolean),
    links: [{ label: "Open the review", href: `${baseUrl}/reviews/${r.requestId}` }],
  });
}

export function reviewDecidedEmail(
  baseUrl: string,
  r: { requestId: string; typeLabel: string; subjectLabel: string; outcome: string; by: string; comment: string; segmentId?: string | null },
): RenderedEmail {
  const links = [{ label: "Open the review", href: `${baseUrl}/reviews/${r.requestId}` }];
  if (r.segmentId) links.push({ label: "Open the segment", href: `${baseUrl}/catalog/segments/${r.segmentId}` });
  return compose("review_decided", `${r.typeLabel} ${r.outcome}: ${r.subjectLabel}`, baseUrl, {
    paragraphs: [`Your request about “${r.subjectLabel}” was ${r.outcome} by ${r.by}.`, r.comment ? `Comment: ${r.comment}` : ""].filter(Boolean),
    links,
  });
}

/** One message per consent change, however many segments it blocked: a list, not a flood. */
export const CONSENT_ALERT_LIST_MAX = 20;

export function consentAlertEmail(baseUrl: string, a: { what: string; segments: Array<{ id: string; name: string }> }): RenderedEmail {
  const n = a.segments.length;
  const shown = a.segments.slice(0, CONSENT_ALERT_LIST_MAX);
  const more = n - shown.length;
  return compose("consent_alert", `Consent alert: ${n} active segment${n === 1 ? "" : "s"} blocked and sent for re-review`, baseUrl, {
    paragraphs: [
      `${a.what}. ${n === 1 ? "This active segment now has" : `These ${n} active segments now have`} blocking findings; Steward opened a re-review for each, and each stays blocked until approved again.`,
      more > 0 ? `The first ${shown.length} are listed; ${more} more are in the review queue.` : "",
    ].filter(Boolean),
    links: [...shown.map((s) => ({ label: s.name, href: `${baseUrl}/catalog/segments/${s.id}` })), { label: "The review queue", href: `${baseUrl}/reviews` }],
  });
}
