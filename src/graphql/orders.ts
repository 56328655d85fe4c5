import { Field, InputType, registerEnumType } from 'type-graphql';
import type { SortDirection as SortDirectionSpec } from '../services/specs';
import type { sortFields } from '../services/sort';

// Sort orders of the root connections. Ties are always broken by document order (id), so every
// order is total and cursors stay stable.

export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const satisfies Record<string, SortDirectionSpec>;
export type SortDirection = SortDirectionSpec;
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Ascending or descending.',
  valuesConfig: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});

/** An enum of exactly the sort fields services/sort.ts knows for a list. */
type Fields<L extends keyof typeof sortFields> = { [K in keyof (typeof sortFields)[L]]: K };

function orderType<F extends Record<string, string>>(
  name: string,
  noun: string,
  fields: F,
  descriptions: Record<keyof F, string>,
) {
  registerEnumType(fields, {
    name: `${name}OrderField`,
    description: `A field ${noun} can be sorted by.`,
    valuesConfig: Object.fromEntries(Object.keys(fields).map((k) => [k, { description: descriptions[k] }])) as never,
  });

  @InputType(`${name}Order`, {
    description: `One sort key for ${noun}; several keys sort by the first, then the next.`,
  })
  class Order {
    @Field(() => fields, { description: 'The field.' })
    field!: F[keyof F];

    @Field(() => SortDirection, { defaultValue: 'ASC', description: 'The direction (default ASC).' })
    direction!: SortDirection;
  }
  return Order;
}

export const PolicyOrderField = { NUMBER: 'NUMBER', TITLE: 'TITLE' } as const satisfies Fields<'Policy'>;
export const PolicyOrder = orderType('Policy', 'policies', PolicyOrderField, {
  NUMBER: 'Policy number.',
  TITLE: 'Title.',
});

export const MeasureOrderField = { POSITION: 'POSITION', TITLE: 'TITLE' } as const satisfies Fields<'Measure'>;
export const MeasureOrder = orderType('Measure', 'measures', MeasureOrderField, {
  POSITION: 'Order in the document.',
  TITLE: 'Title.',
});

export const ProjectOrderField = { POSITION: 'POSITION', TITLE: 'TITLE' } as const satisfies Fields<'Project'>;
export const ProjectOrder = orderType('Project', 'projects', ProjectOrderField, {
  POSITION: 'Order of first printing in the document.',
  TITLE: 'Title.',
});

export const IndicatorOrderField = {
  POSITION: 'POSITION',
  NAME: 'NAME',
  KIND: 'KIND',
  DIRECTION: 'DIRECTION',
} as const satisfies Fields<'Indicator'>;
export const IndicatorOrder = orderType('Indicator', 'indicators', IndicatorOrderField, {
  POSITION: 'Order in the document.',
  NAME: 'Name.',
  KIND: 'OUTCOME before OUTPUT.',
  DIRECTION: 'Direction, alphabetically.',
});

export const TargetOrderField = {
  FISCAL_YEAR: 'FISCAL_YEAR',
  INDICATOR: 'INDICATOR',
  ROLE: 'ROLE',
} as const satisfies Fields<'Target'>;
export const TargetOrder = orderType('Target', 'targets', TargetOrderField, {
  FISCAL_YEAR: 'Fiscal year.',
  INDICATOR: 'The indicator, in document order.',
  ROLE: 'BASELINE_ESTIMATE before TARGET.',
});

export const FootnoteOrderField = { MARKER: 'MARKER', CATEGORY: 'CATEGORY' } as const satisfies Fields<'Footnote'>;
export const FootnoteOrder = orderType('Footnote', 'footnotes', FootnoteOrderField, {
  MARKER: 'Marker (※1, ※2 …).',
  CATEGORY: 'Category, alphabetically.',
});
