import type { DeviationRow } from '../../../shared/contracts/deviations.ts';
import type { MailKind, TeDoenAction, TeDoenMeeting } from '../../../shared/contracts/te-doen.ts';
import type { DueDelivery } from '../../../shared/domain/delivery-due.ts';
import { formatDate, formatPeriodLabel, formatSegment } from '../../../shared/domain/format-nl.ts';

/** One reminder, ready for the send log: Dutch, plain text and HTML, with links into the app. */
export interface MailMessage {
  dedupeKey: string;
  userId: number;
  kind: MailKind;
  recipient: string;
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

interface Line {
  text: string;
  link?: string;
}

/** Both bodies from the same lines, so they always say the same. */
function render(intro: string, lines: readonly Line[], outro: { text: string; link: string }, appUrl: string) {
  const footer = `U krijgt deze herinnering van dvo-monitor. Uitzetten kan onder "Herinneringen per e-mail" op ${appUrl}/te-doen.`;
  const text = [
    'Goedemorgen,',
    '',
    intro,
    '',
    ...lines.map((l) => `- ${l.text}${l.link ? `\n  ${l.link}` : ''}`),
    '',
    `${outro.text}: ${outro.link}`,
    '',
    '-- ',
    footer,
  ].join('\n');
  const html = `<!doctype html><html lang="nl"><body style="font-family:Arial,sans-serif;color:#1a1a1a">
<p>Goedemorgen,</p>
<p>${escapeHtml(intro)}</p>
<ul>${lines
    .map((l) => `<li>${l.link ? `<a href="${escapeHtml(l.link)}">${escapeHtml(l.text)}</a>` : escapeHtml(l.text)}</li>`)
    .join('')}</ul>
<p><a href="${escapeHtml(outro.link)}">${escapeHtml(outro.text)}</a></p>
<p style="color:#4a4a4a;font-size:0.9em">${escapeHtml(footer)}</p>
</body></html>`;
  return { text, html };
}

export interface Recipient {
  id: number;
  email: string;
}

export interface DvoRef {
  slug: string;
  name: string;
}

const dvoUrl = (appUrl: string, dvo: DvoRef) => `${appUrl}/dvo/${encodeURIComponent(dvo.slug)}`;

/** The Aanleveren screen opens on a month: a quarter or a year is delivered with its last month. */
function deliveryMonth(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}-${String(Number(q[2]) * 3).padStart(2, '0')}`;
  return /^\d{4}$/.test(period) ? `${period}-12` : period;
}

/** Deliveries of one DVO with the same due date: due within days, or just late. */
export function deliveryMail(
  kind: 'levering_binnenkort' | 'levering_te_laat',
  to: Recipient,
  dvo: DvoRef,
  dueDate: string,
  items: readonly DueDelivery[],
  appUrl: string,
): MailMessage {
  const late = kind === 'levering_te_laat';
  const subject = late
    ? `Te laat: cijfers ${dvo.name} (uiterlijk ${formatDate(dueDate)})`
    : `Herinnering: cijfers ${dvo.name} uiterlijk ${formatDate(dueDate)}`;
  const intro = late
    ? `De cijfers hieronder voor ${dvo.name} hadden uiterlijk ${formatDate(dueDate)} aangeleverd moeten zijn en zijn er nog niet:`
    : `De cijfers hieronder voor ${dvo.name} moeten uiterlijk ${formatDate(dueDate)} zijn aangeleverd:`;
  const lines = items.map((d) => ({
    text: `${d.name} over ${formatPeriodLabel(d.period)}`,
    link: `${dvoUrl(appUrl, dvo)}/aanleveren?periode=${deliveryMonth(d.period)}`,
  }));
  const body = render(intro, lines, { text: 'Naar Te doen', link: `${appUrl}/te-doen` }, appUrl);
  return {
    dedupeKey: `${kind}:${to.id}:${dvo.slug}:${dueDate}`,
    userId: to.id,
    kind,
    recipient: to.email,
    subject,
    ...body,
  };
}

/** An action item of this user whose deadline has passed. */
export function actionMail(to: Recipient, action: TeDoenAction, appUrl: string): MailMessage {
  const link = `${dvoUrl(appUrl, action.dvo)}/overleg/${action.meetingId}`;
  const body = render(
    `Dit actiepunt op uw naam (${action.dvo.name}) had uiterlijk ${formatDate(action.deadline ?? '')} klaar moeten zijn en staat nog open:`,
    [{ text: action.text, link }],
    { text: 'Naar het overleg', link },
    appUrl,
  );
  return {
    dedupeKey: `actie_verlopen:${to.id}:${action.id}:${action.deadline}`,
    userId: to.id,
    kind: 'actie_verlopen',
    recipient: to.email,
    subject: `Actiepunt over de deadline: ${action.text.slice(0, 80)}`,
    ...body,
  };
}

const MEETING_LABEL: Record<TeDoenMeeting['type'], string> = {
  voortgangsbespreking: 'Voortgangsbespreking',
  kwartaaloverleg: 'Kwartaaloverleg',
  bestuurlijk_overleg: 'Bestuurlijk overleg',
};

const STATUS_TEXT: Record<string, string> = {
  off_track: 'afwijking',
  attention: 'aandacht',
  no_data: 'geen gegevens',
};

/** A few days before a meeting: its deviation list as it stands now. */
export function digestMail(
  to: Recipient,
  meeting: TeDoenMeeting,
  rows: readonly DeviationRow[],
  appUrl: string,
): MailMessage {
  const title = meeting.title ?? MEETING_LABEL[meeting.type];
  const link = `${dvoUrl(appUrl, meeting.dvo)}/overleg/${meeting.id}`;
  const lines: Line[] = rows.map((r) => ({
    text: `${r.name}${r.segment ? ` (${formatSegment(r.segment)})` : ''}: ${STATUS_TEXT[r.status] ?? r.status}${
      r.toelichting ? ` – toelichting: ${r.toelichting}` : ' – nog geen toelichting'
    }${r.maatregel ? ` – maatregel: ${r.maatregel.text}` : ''}`,
    ...(r.deviationId === null ? {} : { link: `${dvoUrl(appUrl, meeting.dvo)}/afwijkingen/${r.deviationId}` }),
  }));
  const intro =
    rows.length === 0
      ? `${title} van ${meeting.dvo.name} is op ${formatDate(meeting.date)} (over ${formatPeriodLabel(meeting.period)}). Er zijn nu geen afwijkingen.`
      : `${title} van ${meeting.dvo.name} is op ${formatDate(meeting.date)} (over ${formatPeriodLabel(meeting.period)}). De afwijkingenlijst zoals die nu is (${rows.length}):`;
  const body = render(intro, lines, { text: 'Naar het overleg', link }, appUrl);
  return {
    dedupeKey: `overleg_digest:${to.id}:${meeting.id}`,
    userId: to.id,
    kind: 'overleg_digest',
    recipient: to.email,
    subject: `${title} ${meeting.dvo.name} op ${formatDate(meeting.date)}: afwijkingenlijst`,
    ...body,
  };
}
