import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ValueKind } from '../../entities/enums';
import type { YearAggregateData } from '../../services/aggregates';
import { FiscalYear, fiscalYear } from '../fiscal-year';
import { StatusCount } from './progress';

@ObjectType({ description: 'How many cells of a fiscal year are of a value kind.' })
export class ValueKindCount {
  @Field(() => ValueKind, { description: 'The value kind.' })
  valueKind!: ValueKind;

  @Field(() => Int, { description: 'How many cells (targets or baseline estimates) of the year are of it.' })
  count!: number;
}

@ObjectType({
  description:
    'Totals of one unit for one fiscal year, over the indicators where adding up is meaningful: plain numbers ' +
    '(no 未満 / 程度 …), not cumulative (累計: running totals are never added), not percentages, one unit only.',
})
export class UnitSum {
  @Field({ description: 'The base unit (件, 人, 円, ㎡ …).' })
  unit!: string;

  @Field(() => Int, { description: 'How many indicators were added up.' })
  indicatorCount!: number;

  @Field(() => Float, { nullable: true, description: 'Sum of the year’s targets (null when none).' })
  targetTotal!: number | null;

  @Field(() => Float, { nullable: true, description: 'Sum of the year’s baseline estimates (in the base year).' })
  baselineTotal!: number | null;

  @Field(() => Float, { nullable: true, description: 'Sum of the year’s actuals in this unit (null when none).' })
  actualTotal!: number | null;

  @Field(() => Int, { description: 'How many of the indicators have an actual in the year.' })
  actualCount!: number;
}

@ObjectType({ description: 'Counts and totals of the indicators below a plan, policy or measure for one fiscal year.' })
export class YearAggregate {
  @Field(() => FiscalYear, { description: 'The fiscal year.' })
  fiscalYear!: FiscalYear;

  @Field(() => Int, { description: 'Distinct indicators below (a shared indicator counts once).' })
  indicatorCount!: number;

  @Field(() => [StatusCount], { description: 'Indicators per progress status in the year (every status listed).' })
  byStatus!: StatusCount[];

  @Field(() => [ValueKindCount], { description: 'Cells of the year per value kind (every kind listed).' })
  byValueKind!: ValueKindCount[];

  @Field(() => [UnitSum], { description: 'Totals per unit, only where summing is meaningful (see UnitSum).' })
  sums!: UnitSum[];
}

export function yearAggregateType(a: YearAggregateData): YearAggregate {
  return { ...a, fiscalYear: fiscalYear(a.fiscalYear) };
}
