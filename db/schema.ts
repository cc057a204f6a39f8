import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  },
  (t) => [uniqueIndex('indicators_dvo_code').on(t.dvoId, t.code)],
);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['beheerder', 'opdrachtgever', 'opdrachtnemer', 'lezer'] }).notNull(),
  /** null only for a beheerder, who sees every DVO. */
  organisationId: integer('organisation_id').references(() => organisations.id),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

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
