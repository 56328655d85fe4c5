import { Field, ObjectType } from 'type-graphql';
import { PlanValue } from '../../entities';
import { FiscalYear } from '../fiscal-year';

@ObjectType({ description: 'One fiscal year of an indicator: what the plan estimated or set, and what was achieved.' })
export class SeriesPoint {
  /** The term (plan) the point comes from; the `plan` field is resolved from it, only when selected. */
  planId!: number;

  @Field(() => FiscalYear, { description: 'The fiscal year.' })
  fiscalYear!: FiscalYear;

  @Field(() => PlanValue, { nullable: true, description: 'The 本年度(見込み) estimate, in the base year only.' })
  baseline!: PlanValue | null;

  @Field(() => PlanValue, { nullable: true, description: 'The plan’s target for the year, if it sets one.' })
  target!: PlanValue | null;

  @Field(() => PlanValue, {
    nullable: true,
    description: 'The achieved value (approved for the public; the latest revision for a token holder).',
  })
  actual!: PlanValue | null;
}
