import { Field, Int, ObjectType } from 'type-graphql';
import { fiscalYearLabel, fiscalYearLabelEn } from '../domain/fiscal-year';

@ObjectType({
  description:
    'A Japanese fiscal year (April to March), named by the Gregorian year it starts in: 2021 is 令和3年度, FY2021.',
})
export class FiscalYear {
  @Field(() => Int, { description: 'Gregorian year the fiscal year starts in (2021 for April 2021 – March 2022).' })
  year!: number;

  @Field({ description: 'Japanese label in the Reiwa era: 令和3年度.' })
  label!: string;

  @Field({ description: 'English label: FY2021.' })
  labelEn!: string;

  /** The plan the year belongs to, where it is read in one plan's context (not a field: closed, history … use it). */
  planId?: number | null;
}

/** The fiscal year `year`; with `planId`, its closing, deadline and history are the plan's (see resolvers/reporting.ts). */
export function fiscalYear(year: number, planId: number | null = null): FiscalYear {
  return Object.assign(new FiscalYear(), {
    year,
    label: fiscalYearLabel(year),
    labelEn: fiscalYearLabelEn(year),
    planId,
  });
}
