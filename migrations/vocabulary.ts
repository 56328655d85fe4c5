import {
  ACTUAL_ACTIONS,
  ACTUAL_STATUSES,
  ACTUAL_VALUE_KINDS,
  COMPARATORS,
  DELIVERY_STATUSES,
  GRADING_PRESETS,
  DIRECTIONS,
  EVENT_KINDS,
  FOOTNOTE_CATEGORIES,
  INDICATOR_KINDS,
  PLAN_CHANGE_KINDS,
  PLAN_SUBJECT_TYPES,
  ROLES,
  TARGET_ROLES,
  VALUE_KINDS,
} from '../src/domain/vocabulary';

/** A column that holds one word of the domain's vocabulary, and the words its CHECK constraint must allow. */
export interface VocabularyColumn {
  table: string;
  column: string;
  values: readonly string[];
}

/**
 * Every vocabulary column of the schema. test/integration/vocabulary.test.ts reads the migrated database's CHECK
 * constraints (pg_constraint) and holds each one equal to its list here, and holds every IN-list CHECK of the
 * schema to a column listed here: a word added to (or removed from) src/domain/vocabulary.ts without a migration
 * fails that test.
 *
 * The first migrations typed these lists by hand (they agree, word for word, and are left as history). A change to
 * the vocabulary is a new migration that replaces the column's constraint with `vocabularyCheck`:
 *   ALTER TABLE indicator DROP CONSTRAINT indicator_direction_check,
 *     ADD CONSTRAINT indicator_direction_check ${vocabularyCheck('direction', DIRECTIONS)}
 */
export const VOCABULARY_COLUMNS: readonly VocabularyColumn[] = [
  { table: 'indicator', column: 'kind', values: INDICATOR_KINDS },
  { table: 'indicator', column: 'direction', values: DIRECTIONS },
  { table: 'target', column: 'role', values: TARGET_ROLES },
  { table: 'target', column: 'value_kind', values: VALUE_KINDS },
  { table: 'target', column: 'value_comparator', values: COMPARATORS },
  { table: 'footnote', column: 'category', values: FOOTNOTE_CATEGORIES },
  { table: 'api_token', column: 'role', values: ROLES },
  { table: 'actual', column: 'status', values: ACTUAL_STATUSES },
  { table: 'actual_revision', column: 'action', values: ACTUAL_ACTIONS },
  { table: 'actual_revision', column: 'status', values: ACTUAL_STATUSES },
  { table: 'actual_revision', column: 'value_kind', values: ACTUAL_VALUE_KINDS },
  { table: 'actual_revision', column: 'value_comparator', values: COMPARATORS },
  { table: 'event', column: 'kind', values: EVENT_KINDS },
  { table: 'webhook_event', column: 'kind', values: EVENT_KINDS },
  { table: 'webhook_delivery', column: 'status', values: DELIVERY_STATUSES },
  { table: 'grading_scale', column: 'preset', values: GRADING_PRESETS },
  { table: 'evaluation', column: 'status', values: ACTUAL_STATUSES },
  { table: 'evaluation_revision', column: 'action', values: ACTUAL_ACTIONS },
  { table: 'evaluation_revision', column: 'status', values: ACTUAL_STATUSES },
  { table: 'plan_change', column: 'kind', values: PLAN_CHANGE_KINDS },
  { table: 'plan_change', column: 'subject_type', values: PLAN_SUBJECT_TYPES },
];

/** `CHECK (column IN ('A', 'B'))` for a migration, from a domain array (words are quoted as SQL literals). */
export function vocabularyCheck(column: string, values: readonly string[]): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`Not a plain column name: ${column}`);
  return `CHECK (${column} IN (${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}))`;
}
