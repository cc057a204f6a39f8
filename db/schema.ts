import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Norm, NormSource } from '../shared/contracts/catalogue.ts';
import { DEVIATION_STATES } from '../shared/contracts/deviations.ts';

// camelCase in TypeScript over snake_case columns. Times are ISO-8601 UTC strings with milliseconds,
// so they sort as text and `asOf` comparisons are plain string comparisons.

export const organisations = sqliteTable('organisations', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  type: text('type', { enum: ['gemeente', 'werkbedrijf'] }).notNull(),
});

export const dvos = sqliteTable('dvos', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  year: integer('year').notNull(),
  opdrachtgeverId: integer('opdrachtgever_id')
    .notNull()
    .references(() => organisations.id),
  opdrachtnemerId: integer('opdrachtnemer_id')
    .notNull()
    .references(() => organisations.id),
  /** Chapter names in DVO order, JSON array. */
  chapters: text('chapters', { mode: 'json' }).$type<string[]>().notNull(),
  /**
   * Raised in the same transaction as every write that can change an evaluation (figures,
   * assessments, norms), so cached evaluations are recognised as stale, also across processes.
   */
  dataVersion: integer('data_version').notNull().default(0),
  /** A period's figures are due this many days after the period ends (Te doen, reminders). */
  deliveryDueDays: integer('delivery_due_days').notNull().default(14),
  /**
   * `draft`: next year's DVO being prepared (decision 0024): seen only by beheerders and the
   * opdrachtgevers of its two organisations, no figures delivered to it; `active` once activated.
   */
  state: text('state', { enum: ['draft', 'active'] })
    .notNull()
    .default('active'),
});

/**
 * One agreement of a DVO. The norm, margin and source are stored as the catalogue gives them and can
 * be edited afterwards (placeholders such as benchmarks); the catalogue load never overwrites them.
 */
export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dvoId: integer('dvo_id')
      .notNull()
      .references(() => dvos.id),
    code: text('code').notNull(),
    sortOrder: integer('sort_order').notNull(),
    /** The catalogue entry (IndicatorSchema) as JSON: kind, frequency, unit, segments, norm, source… */
    definition: text('definition', { mode: 'json' }).notNull(),
    /**
     * Set when a corrected reading of the DVO dropped the agreement (decision 0022): it is no longer
     * delivered, evaluated or listed, but its figures and their revisions stay.
     */
    retiredAt: text('retired_at'),
    retiredReason: text('retired_reason'),
  },
  (t) => [uniqueIndex('indicators_dvo_code').on(t.dvoId, t.code)],
);

/**
 * A norm is never overwritten: every change is a version (interface.md §7, decision 0021). The
 * evaluation of month P as of moment A uses the highest version recorded at or before A whose
 * `effectiveFrom` (a month of the DVO year, `YYYY-MM`) is at or before P. Version 1 is the catalogue
 * as loaded. `norm`, `margin` and `source` replace those of the indicator's catalogue entry.
 * `recordedBy` is null for the catalogue's own version 1.
 */
export const normVersions = sqliteTable(
  'norm_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dvoId: integer('dvo_id')
      .notNull()
      .references(() => dvos.id),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    version: integer('version').notNull(),
    norm: text('norm', { mode: 'json' }).$type<Norm>().notNull(),
    margin: real('margin'),
    source: text('source', { mode: 'json' }).$type<NormSource>().notNull(),
    provisional: integer('provisional', { mode: 'boolean' }).notNull().default(false),
    effectiveFrom: text('effective_from').notNull(),
    reason: text('reason').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('norm_versions_indicator_version').on(t.indicatorId, t.version),
    index('norm_versions_dvo').on(t.dvoId, t.recordedAt),
  ],
);

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['beheerder', 'opdrachtgever', 'opdrachtnemer', 'lezer'] }).notNull(),
    /** null only for a beheerder, who sees every DVO. */
    organisationId: integer('organisation_id').references(() => organisations.id),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    /** For reminders (issue 15); null = no mail. From the SSO `email` claim, or set in Beheer / the CLI. */
    email: text('email'),
    /** Set for a user created by single sign-on: the provider and the `sub` claim identify them. */
    ssoProviderId: integer('sso_provider_id'),
    ssoSubject: text('sso_subject'),
    /** Reminder kinds this user switched off (JSON array of MailKind). */
    mailOptOut: text('mail_opt_out', { mode: 'json' }).$type<string[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('users_sso_subject').on(t.ssoProviderId, t.ssoSubject)],
);

/**
 * An OpenID Connect provider through which one organisation's staff log in (decision 0010). Kept in
 * the database, added with the CLI, so a gemeente connects its provider without a redeploy.
 * `roleRules` map a claim value to a role, first match wins; the client secret never leaves the server.
 */
export const ssoProviders = sqliteTable('sso_providers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecret: text('client_secret').notNull(),
  /** The claim whose value(s) the rules match, e.g. `groups` or `roles`. */
  roleClaim: text('role_claim').notNull(),
  roleRules: text('role_rules', { mode: 'json' }).$type<{ value: string; role: string }[]>().notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

/** A login in progress at a provider: state, nonce and PKCE verifier, used once, bound to the browser. */
export const ssoLogins = sqliteTable('sso_logins', {
  stateHash: text('state_hash').primaryKey(),
  providerId: integer('provider_id')
    .notNull()
    .references(() => ssoProviders.id),
  browserHash: text('browser_hash').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  expiresAt: text('expires_at').notNull(),
});

/**
 * Every reminder mail, once: `dedupeKey` is unique, so a restart or a second server process cannot
 * queue (and so send) the same reminder twice. Sending claims a row before it talks to the server.
 */
export const mailLog = sqliteTable(
  'mail_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupeKey: text('dedupe_key').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    createdAt: text('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    claimedUntil: text('claimed_until'),
    sentAt: text('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [index('mail_log_pending').on(t.sentAt, t.nextAttemptAt)],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** sha256 of the cookie value; the raw token never touches the database. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    /** For a single-sign-on session: the provider's id_token, sent back as the hint when logging out there. */
    ssoIdToken: text('sso_id_token'),
    ssoProviderId: integer('sso_provider_id'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tokenHash: text('token_hash').notNull().unique(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  label: text('label').notNull(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
  lastUsedAt: text('last_used_at'),
});

/** One delivered file or `POST /figures` call: who, when, what, and what it changed. */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dvoId: integer('dvo_id')
      .notNull()
      .references(() => dvos.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    source: text('source', { enum: ['csv', 'xlsx', 'api'] }).notNull(),
    filename: text('filename'),
    sha256: text('sha256'),
    recordedAt: text('recorded_at').notNull(),
    rowCount: integer('row_count').notNull(),
    createdCount: integer('created_count').notNull(),
    changedCount: integer('changed_count').notNull(),
    unchangedCount: integer('unchanged_count').notNull(),
    warnings: text('warnings', { mode: 'json' })
      .$type<{ row?: number; column?: string; message: string }[]>()
      .notNull(),
  },
  (t) => [index('imports_dvo').on(t.dvoId, t.recordedAt)],
);

/**
 * Figures are append-only revisions. The current revision of a key (dvo, indicator, period, segment)
 * has `supersededAt` null; a correction sets it on the old revision and inserts a new one, so the data
 * as it stood at any moment is `recordedAt <= asOf < coalesce(supersededAt, ∞)`.
 * `segment` is '' for the total, so the key can be unique.
 */
export const figures = sqliteTable(
  'figures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dvoId: integer('dvo_id')
      .notNull()
      .references(() => dvos.id),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    period: text('period').notNull(),
    segment: text('segment').notNull().default(''),
    value: real('value'),
    numerator: real('numerator'),
    denominator: real('denominator'),
    comment: text('comment'),
    recordedAt: text('recorded_at').notNull(),
    supersededAt: text('superseded_at'),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id),
  },
  (t) => [
    uniqueIndex('figures_current').on(t.dvoId, t.indicatorId, t.period, t.segment).where(sql`superseded_at is null`),
    index('figures_history').on(t.dvoId, t.indicatorId, t.period, t.segment, t.recordedAt),
    // covering index of the current values: an evaluation reads a DVO's figures from it alone
    index('figures_current_values')
      .on(t.dvoId, t.indicatorId, t.period, t.segment, t.value, t.numerator, t.denominator)
      .where(sql`superseded_at is null`),
  ],
);

/** A period fixed (vastgesteld) by the opdrachtgever; an unlock sets `unlockedAt`, history kept. */
export const periodLocks = sqliteTable(
  'period_locks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dvoId: integer('dvo_id')
      .notNull()
      .references(() => dvos.id),
    period: text('period').notNull(),
    lockedAt: text('locked_at').notNull(),
    lockedBy: integer('locked_by')
      .notNull()
      .references(() => users.id),
    unlockedAt: text('unlocked_at'),
    unlockedBy: integer('unlocked_by').references(() => users.id),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('period_locks_active').on(t.dvoId, t.period).where(sql`unlocked_at is null`)],
);

/**
 * Hand-set statuses of qualitative agreements and completions of milestones, per period; append-only
 * like figures, so a meeting can be reproduced as it stood.
 */
export const assessments = sqliteTable(
  'assessments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dvoId: integer('dvo_id')
      .notNull()
      .references(() => dvos.id),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    period: text('period').notNull(),
    status: text('status', { enum: ['on_track', 'attention', 'off_track'] }),
    narrative: text('narrative'),
    completedOn: text('completed_on'),
    recordedAt: text('recorded_at').notNull(),
    supersededAt: text('superseded_at'),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex('assessments_current').on(t.dvoId, t.indicatorId, t.period).where(sql`superseded_at is null`)],
);

/** Every write, with before and after, for the Beheer page. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

/**
 * One deviation (afwijking) of an agreement (indicator, segment) as a thread: toelichting, maatregel
 * and state. The same deviation is carried on while it is not closed; `firstPeriod`/`lastPeriod` are
 * the evaluated months (`YYYY-MM`) in which it was seen. The columns hold the current content; every
 * change is also an append-only `deviation_events` row with the content after it (history and `asOf`).
 * `segment` is '' for the total, so at most one thread per agreement is not closed.
 */
export const deviations = sqliteTable(
  'deviations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dvoId: integer('dvo_id')
      .notNull()
      .references(() => dvos.id),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    segment: text('segment').notNull().default(''),
    state: text('state', { enum: DEVIATION_STATES }).notNull(),
    toelichting: text('toelichting'),
    maatregelText: text('maatregel_text'),
    maatregelOwner: text('maatregel_owner'),
    maatregelDeadline: text('maatregel_deadline'),
    firstPeriod: text('first_period').notNull(),
    lastPeriod: text('last_period').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** The thread of last year's DVO this one was carried over from at activation (decision 0025). */
    carriedFromId: integer('carried_from_id').references((): AnySQLiteColumn => deviations.id),
  },
  (t) => [
    uniqueIndex('deviations_carried').on(t.dvoId, t.carriedFromId).where(sql`carried_from_id IS NOT NULL`),
    uniqueIndex('deviations_active').on(t.dvoId, t.indicatorId, t.segment).where(sql`state <> 'afgesloten'`),
    index('deviations_dvo').on(t.dvoId, t.indicatorId, t.segment),
  ],
);

/** Every change of a deviation, with who, when, and the thread's content after it. Never updated. */
export const deviationEvents = sqliteTable(
  'deviation_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deviationId: integer('deviation_id')
      .notNull()
      .references(() => deviations.id),
    at: text('at').notNull(),
    /** null when the system recorded it (opened or carried on while evaluating a list). */
    userId: integer('user_id').references(() => users.id),
    type: text('type', { enum: ['geopend', 'gezien', 'toelichting', 'maatregel', 'status'] }).notNull(),
    fromState: text('from_state', { enum: DEVIATION_STATES }),
    toState: text('to_state', { enum: DEVIATION_STATES }).notNull(),
    note: text('note'),
    toelichting: text('toelichting'),
    maatregelText: text('maatregel_text'),
    maatregelOwner: text('maatregel_owner'),
    maatregelDeadline: text('maatregel_deadline'),
    firstPeriod: text('first_period').notNull(),
    lastPeriod: text('last_period').notNull(),
  },
  (t) => [index('deviation_events_thread').on(t.deviationId, t.at)],
);

/**
 * A voortgangsbespreking, kwartaaloverleg or bestuurlijk overleg. `asOf` is the moment it was opened:
 * its deviation list is the data (figures and threads) as it stood then, however it was corrected later.
 */
export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dvoId: integer('dvo_id')
      .notNull()
      .references(() => dvos.id),
    type: text('type', { enum: ['voortgangsbespreking', 'kwartaaloverleg', 'bestuurlijk_overleg'] }).notNull(),
    date: text('date').notNull(),
    period: text('period').notNull(),
    title: text('title'),
    attendees: text('attendees', { mode: 'json' }).$type<string[]>().notNull(),
    asOf: text('as_of').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('meetings_dvo').on(t.dvoId, t.date)],
);

/** A decision or action item raised in a meeting; open ones carry on to later meetings until done. */
export const meetingItems = sqliteTable(
  'meeting_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dvoId: integer('dvo_id')
      .notNull()
      .references(() => dvos.id),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    kind: text('kind', { enum: ['besluit', 'actiepunt'] }).notNull(),
    text: text('text').notNull(),
    owner: text('owner'),
    deadline: text('deadline'),
    state: text('state', { enum: ['open', 'done'] }).notNull(),
    deviationId: integer('deviation_id').references(() => deviations.id),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    doneAt: text('done_at'),
    doneBy: integer('done_by').references(() => users.id),
    /**
     * The open action item of last year's DVO this one was carried over from (decision 0025). A copy
     * keeps `meetingId` of the meeting in which it was raised, in last year's DVO.
     */
    carriedFromId: integer('carried_from_id').references((): AnySQLiteColumn => meetingItems.id),
  },
  (t) => [
    index('meeting_items_dvo').on(t.dvoId, t.meetingId),
    uniqueIndex('meeting_items_carried').on(t.dvoId, t.carriedFromId).where(sql`carried_from_id IS NOT NULL`),
  ],
);
