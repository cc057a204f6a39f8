import type { DeviationState, MeetingType } from '../../../../shared/contracts/deviations.ts';
import type { DvoSummary } from '../../../../shared/contracts/dvos.ts';
import type { Role } from '../../../../shared/contracts/session.ts';
import { MEETING_TYPE_LABEL } from '../../../../shared/domain/deviation-report.ts';
import { STATE_LABEL } from '../../../../shared/domain/deviation-workflow.ts';
import { formatDate, formatDateTime, formatPeriodLabel } from '../../../../shared/domain/format-nl.ts';
import { parsePeriod } from '../../../../shared/domain/periods.ts';
import { STATUS_LABEL, type Status } from '../../../../shared/domain/statuses.ts';

// Dutch words for what the Beheer page shows; pure, so they are tested without a browser.

export const ROLE_LABEL: Record<Role, string> = {
  beheerder: 'beheerder',
  opdrachtgever: 'opdrachtgever',
  opdrachtnemer: 'opdrachtnemer',
  lezer: 'lezer',
};

/** What each role may do, for the options of the role select. */
export const ROLE_OPTION: Record<Role, string> = {
  opdrachtnemer: 'Opdrachtnemer (werkbedrijf: cijfers aanleveren, toelichten)',
  opdrachtgever: 'Opdrachtgever (gemeente: lezen, bespreken, vaststellen)',
  lezer: 'Lezer (alleen lezen en exporteren)',
  beheerder: 'Beheerder (alles, ook gebruikers)',
};

export const ROLES: readonly Role[] = ['opdrachtnemer', 'opdrachtgever', 'lezer', 'beheerder'];

export interface OrganisationOption {
  slug: string;
  name: string;
  type: 'gemeente' | 'werkbedrijf';
}

/**
 * The organisations a user can belong to, as far as the DVOs show them: both parties of every DVO,
 * once each, gemeenten first.
 */
export function organisationsFromDvos(dvos: readonly DvoSummary[]): OrganisationOption[] {
  const found = new Map<string, OrganisationOption>();
  for (const dvo of dvos) {
    for (const org of [dvo.opdrachtgever, dvo.opdrachtnemer]) {
      if (!found.has(org.slug)) found.set(org.slug, { slug: org.slug, name: org.name, type: org.type });
    }
  }
  return [...found.values()].sort(
    (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name, 'nl', { sensitivity: 'base' }),
  );
}

/** Which organisations fit a role (the server checks the same): none for a beheerder. */
export function organisationsForRole(role: Role, all: readonly OrganisationOption[]): OrganisationOption[] {
  if (role === 'beheerder') return [];
  if (role === 'opdrachtgever') return all.filter((o) => o.type === 'gemeente');
  if (role === 'opdrachtnemer') return all.filter((o) => o.type === 'werkbedrijf');
  return [...all];
}

const ACTION_LABEL: Record<string, string> = {
  'figures.import': 'Cijfers aangeleverd',
  'period.lock': 'Periode vastgesteld',
  'period.unlock': 'Periode heropend',
  'assessment.set': 'Beoordeling vastgelegd',
  'user.create': 'Gebruiker toegevoegd',
  'user.update': 'Gebruiker gewijzigd',
  'user.password_reset': 'Nieuw wachtwoord ingesteld',
  'token.create': 'API-token aangemaakt',
  'token.revoke': 'API-token ingetrokken',
  'deviation.materialise': 'Afwijkingen van de maand bijgewerkt',
  'deviation.toelichting': 'Toelichting bij afwijking',
  'deviation.maatregel': 'Maatregel bij afwijking',
  'deviation.transition': 'Status van afwijking gewijzigd',
  'meeting.open': 'Overleg geopend',
  'meeting.update': 'Overleg bijgewerkt',
  'meeting_item.add': 'Bespreekpunt toegevoegd',
  'meeting_item.update': 'Bespreekpunt bijgewerkt',
  sso_role_update: 'Rol bijgewerkt bij inloggen via eigen organisatie',
  sso_user_create: 'Gebruiker aangemaakt bij eerste inlog via eigen organisatie',
  sso_provider_add: 'Inlogdienst van een organisatie toegevoegd',
  sso_provider_disable: 'Inlogdienst van een organisatie uitgezet',
  sso_provider_enable: 'Inlogdienst van een organisatie aangezet',
};

/** The Dutch label of an audit action, or null for a code this page does not know (shown as is). */
export function actionLabel(action: string): string | null {
  return ACTION_LABEL[action] ?? null;
}

const ENTITY_LABEL: Record<string, string> = {
  user: 'gebruiker',
  api_token: 'API-token',
  period: 'periode',
  import: 'levering',
  assessment: 'beoordeling',
  deviation: 'afwijking',
  meeting: 'overleg',
  meeting_item: 'bespreekpunt',
  dvo: 'DVO',
};

export interface AuditSubjectInput {
  action: string;
  entity: string;
  entityId: string | null;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * User entries name the user by database id; `user.create` entries carry the username, so the ids
 * the loaded entries reveal are translated back.
 */
export function usernamesById(entries: readonly AuditSubjectInput[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of entries) {
    if (entry.action === 'user.create' && entry.entityId && isRecord(entry.after)) {
      const username = entry.after.username;
      if (typeof username === 'string') names.set(entry.entityId, username);
    }
  }
  return names;
}

/** The period at the end of an entity id such as `<dvo>/2024-03` or `<dvo>/<afspraak>/2024-Q2`, in words. */
function periodOfId(entityId: string): string | null {
  const last = entityId.split('/').at(-1) ?? '';
  return parsePeriod(last) ? formatPeriodLabel(last) : null;
}

/** "gebruiker teamleider", "periode maart 2024", "beoordeling 2e kwartaal 2024", "API-token nr. 4". */
export function describeSubject(entry: AuditSubjectInput, usernames: ReadonlyMap<string, string>): string {
  const label = ENTITY_LABEL[entry.entity] ?? entry.entity;
  if (entry.entityId === null) return label;
  if (entry.entity === 'user') {
    const name = usernames.get(entry.entityId);
    return name ? `${label} ${name}` : `${label} nr. ${entry.entityId}`;
  }
  if (entry.entity === 'period' || entry.entity === 'assessment') {
    const period = periodOfId(entry.entityId);
    if (period) return `${label} ${period}`;
  }
  if (/^\d+$/.test(entry.entityId)) return `${label} nr. ${entry.entityId}`;
  return `${label} ${entry.entityId}`;
}

const FIELD_LABEL: Record<string, string> = {
  username: 'gebruikersnaam',
  user: 'gebruiker',
  role: 'rol',
  organisation: 'organisatie',
  organisationId: 'organisatie (nr.)',
  disabled: 'uitgeschakeld',
  label: 'naam',
  filename: 'bestand',
  source: 'bron',
  created: 'nieuw',
  changed: 'gewijzigd',
  unchanged: 'ongewijzigd',
  status: 'status',
  narrative: 'toelichting',
  completedOn: 'gereed op',
  reason: 'reden',
  supersededFigureIds: 'vervangen cijfers',
  dvo: 'DVO',
  type: 'soort overleg',
  date: 'datum',
  period: 'periode',
  attendees: 'aanwezig',
  title: 'titel',
  text: 'tekst',
  kind: 'soort',
  owner: 'eigenaar',
  deadline: 'deadline',
  state: 'stand',
  toelichting: 'toelichting',
  maatregel: 'maatregel',
  note: 'notitie',
  opened: 'nieuwe afwijkingen',
  carried: 'doorlopende afwijkingen',
  email: 'e-mailadres',
  provider: 'inlogdienst',
  issuer: 'adres van de inlogdienst',
  clientId: 'client-id',
  rules: 'rolregels',
};

/** Internal ids that mean nothing to a beheerder; the raw JSON under "Gegevens" keeps them. */
const HIDDEN_FIELDS = new Set(['lockId', 'organisationId', 'importId', 'meetingId', 'deviationId']);

const SOURCE_WORDS: Record<string, string> = { csv: 'CSV-bestand', xlsx: 'Excel-bestand', api: 'API' };

/** Long texts (a toelichting) are cut short here; the details show them whole. */
const MAX_FIELD = 60;

/** A field's value in words: states, statuses, periods, dates and sources as the app says them. */
function formatField(value: unknown, key = ''): string {
  if (value === null || value === undefined || value === '') return '–';
  if (value === true) return 'ja';
  if (value === false) return 'nee';
  if (Array.isArray(value)) {
    if (key === 'supersededFigureIds') return String(value.length);
    return value.length === 0 ? '–' : value.map((v) => formatField(v)).join(', ');
  }
  if (isRecord(value) && typeof value.text === 'string') {
    // a maatregel: what, by whom, by when
    const parts = [
      value.text,
      value.owner && `eigenaar ${value.owner}`,
      value.deadline && `uiterlijk ${formatDate(String(value.deadline))}`,
    ];
    return formatField(parts.filter(Boolean).join(', '));
  }
  let text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (key === 'state' && text in STATE_LABEL) text = STATE_LABEL[text as DeviationState];
  else if (key === 'status' && text in STATUS_LABEL) text = STATUS_LABEL[text as Status];
  else if (key === 'type' && text in MEETING_TYPE_LABEL) text = MEETING_TYPE_LABEL[text as MeetingType];
  else if (key === 'period' && parsePeriod(text)) text = formatPeriodLabel(text);
  else if ((key === 'date' || key === 'deadline' || key === 'completedOn') && /^\d{4}-\d{2}-\d{2}$/.test(text))
    text = formatDate(text);
  else if (key === 'source' && text in SOURCE_WORDS) text = SOURCE_WORDS[text] as string;
  else if (/^\d{4}-\d{2}-\d{2}T/.test(text)) text = formatDateTime(text);
  return text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD - 1)}…` : text;
}

/** A value a line can say: a primitive, a list of primitives, or a maatregel. */
const isSayable = (v: unknown) =>
  v === null ||
  typeof v !== 'object' ||
  (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) ||
  (isRecord(v) && typeof v.text === 'string');

const isFlat = (value: unknown) => isRecord(value) && Object.values(value).every(isSayable);

/**
 * The change of a flat record in words, one line per field: "uitgeschakeld: nee → ja" for a field
 * that changed, "naam: export" for one that only has a value after. Null when before or after is
 * not a flat record; the page then shows only the raw JSON.
 */
export function describeChange(before: unknown, after: unknown): string[] | null {
  if ((before !== null && !isFlat(before)) || (after !== null && !isFlat(after))) return null;
  const old = (before ?? {}) as Record<string, unknown>;
  const next = (after ?? {}) as Record<string, unknown>;
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (HIDDEN_FIELDS.has(key)) continue;
    const label = FIELD_LABEL[key] ?? key;
    const was = key in old ? formatField(old[key], key) : '–';
    const now = key in next ? formatField(next[key], key) : '–';
    if (before === null) lines.push(`${label}: ${now}`);
    else if (after === null) lines.push(`${label}: ${was} → –`);
    else if (!(key in old)) {
      if (next[key] !== null) lines.push(`${label}: ${now}`);
    } else if (!(key in next)) lines.push(`${label}: ${was}`);
    else if (JSON.stringify(old[key]) !== JSON.stringify(next[key])) lines.push(`${label}: ${was} → ${now}`);
  }
  return lines;
}

/** Pretty JSON for the details of an audit entry; rendered as text, never as HTML. */
export function formatJson(value: unknown): string {
  if (value === null || value === undefined) return '–';
  return JSON.stringify(value, null, 2);
}
