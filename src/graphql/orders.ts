import { Field, InputType, registerEnumType } from 'type-graphql';

// Sort orders of the root connections. Ties are always broken by document order (id), so every
// order is total and cursors stay stable.

export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection];
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Ascending or descending.',
  valuesConfig: { ASC: { description: 'Smallest first.' }, DESC: { description: 'Largest first.' } },
});

/** A sortable field: its SQL column on the list's main alias `e`, and the entity property holding it. */
export interface SortField {
  column: string;
  property: string;
}

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

export const PolicyOrderField = { NUMBER: 'NUMBER', TITLE: 'TITLE' } as const;
export const PolicyOrder = orderType('Policy', 'policies', PolicyOrderField, {
  NUMBER: 'Policy number.',
  TITLE: 'Title.',
});

export const MeasureOrderField = { POSITION: 'POSITION', TITLE: 'TITLE' } as const;
export const MeasureOrder = orderType('Measure', 'measures', MeasureOrderField, {
  POSITION: 'Order in the document.',
  TITLE: 'Title.',
});

export const ProjectOrderField = { POSITION: 'POSITION', TITLE: 'TITLE' } as const;
export const ProjectOrder = orderType('Project', 'projects', ProjectOrderField, {
  POSITION: 'Order of first printing in the document.',
  TITLE: 'Title.',
});

export const IndicatorOrderField = {
  POSITION: 'POSITION',
  NAME: 'NAME',
  KIND: 'KIND',
  DIRECTION: 'DIRECTION',
} as const;
export const IndicatorOrder = orderType('Indicator', 'indicators', IndicatorOrderField, {
  POSITION: 'Order in the document.',
  NAME: 'Name.',
  KIND: 'OUTCOME before OUTPUT.',
  DIRECTION: 'Direction, alphabetically.',
});

export const TargetOrderField = { FISCAL_YEAR: 'FISCAL_YEAR', INDICATOR: 'INDICATOR', ROLE: 'ROLE' } as const;
export const TargetOrder = orderType('Target', 'targets', TargetOrderField, {
  FISCAL_YEAR: 'Fiscal year.',
  INDICATOR: 'The indicator, in document order.',
  ROLE: 'BASELINE_ESTIMATE before TARGET.',
});

export const FootnoteOrderField = { MARKER: 'MARKER', CATEGORY: 'CATEGORY' } as const;
export const FootnoteOrder = orderType('Footnote', 'footnotes', FootnoteOrderField, {
  MARKER: 'Marker (※1, ※2 …).',
  CATEGORY: 'Category, alphabetically.',
});

export const sortFields: Record<string, Record<string, SortField>> = {
  Policy: { NUMBER: { column: 'e.number', property: 'number' }, TITLE: { column: 'e.title', property: 'title' } },
  Measure: {
    POSITION: { column: 'e.position', property: 'position' },
    TITLE: { column: 'e.title', property: 'title' },
  },
  Project: {
    POSITION: { column: 'e.position', property: 'position' },
    TITLE: { column: 'e.title', property: 'title' },
  },
  Indicator: {
    POSITION: { column: 'e.position', property: 'position' },
    NAME: { column: 'e.name', property: 'name' },
    KIND: { column: 'e.kind', property: 'kind' },
    DIRECTION: { column: 'e.direction', property: 'direction' },
  },
  Target: {
    FISCAL_YEAR: { column: 'e.fiscal_year', property: 'fiscalYear' },
    INDICATOR: { column: 'e.indicator_id', property: 'indicatorId' },
    ROLE: { column: 'e.role', property: 'role' },
  },
  Footnote: {
    MARKER: { column: 'e.marker', property: 'marker' },
    CATEGORY: { column: 'e.category', property: 'category' },
  },
};
