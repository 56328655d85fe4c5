import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Min } from 'class-validator';
import { PlanValue } from '../../entities';
import { ProgressStatus } from '../../entities/enums';
import type { Language } from '../../domain/explanation';
import type { Evaluation } from '../../domain/progress';
import type { IndicatorWeightSpec, ProgressSummaryResult } from '../../services/progress';
import { FiscalYear, fiscalYear } from '../fiscal-year';

@ObjectType({ description: 'How far one indicator meets its target for one fiscal year, and why.' })
export class Progress {
  @Field(() => FiscalYear, { description: 'The fiscal year evaluated.' })
  fiscalYear!: FiscalYear;

  @Field(() => ProgressStatus, { description: 'The verdict.' })
  status!: ProgressStatus;

  @Field(() => Float, {
    nullable: true,
    description: 'Actual ÷ target (target ÷ actual when lower is better) where a number makes sense; 1 = exactly met.',
  })
  achievementRate!: number | null;

  @Field(() => PlanValue, { nullable: true, description: 'The target compared against.' })
  target!: PlanValue | null;

  @Field(() => PlanValue, {
    nullable: true,
    description: 'The actual compared: the year’s own, or the latest earlier one for ON_TRACK / BEHIND.',
  })
  actual!: PlanValue | null;

  /** The explanation in each language, served by ProgressResolver.explanation(language). */
  explanations!: Readonly<Record<Language, string>>;

  /** The plan whose grading scale grades it (ProgressResolver.grade reads the scale only when asked). */
  planId!: number;
}

@ObjectType({ description: 'How many indicators have a given progress status.' })
export class StatusCount {
  @Field(() => ProgressStatus, { description: 'The status.' })
  status!: ProgressStatus;

  @Field(() => Int, { description: 'How many indicators have it.' })
  count!: number;
}

@ObjectType({ description: 'Progress of the indicators below a project, measure, policy or plan for one fiscal year.' })
export class ProgressSummary {
  @Field(() => FiscalYear, { description: 'The fiscal year evaluated.' })
  fiscalYear!: FiscalYear;

  @Field(() => Int, { description: 'How many distinct indicators were evaluated.' })
  indicatorCount!: number;

  @Field(() => [StatusCount], { description: 'Indicators per status, every status listed (zeros included).' })
  counts!: StatusCount[];

  @Field(() => Float, {
    nullable: true,
    description:
      'Weighted share of ACHIEVED among the indicators that could be judged (ACHIEVED, NOT_ACHIEVED, ON_TRACK, ' +
      'BEHIND); null when none could.',
  })
  achievedShare!: number | null;

  /** The plan whose grading scale suggests a grade (ProgressSummaryResolver.suggestedGrade). */
  planId!: number;
}

@InputType({ description: 'A weight for one indicator in a progress roll-up (default 1).' })
export class IndicatorWeight implements IndicatorWeightSpec {
  @Field(() => ID, { description: 'Global ID of the indicator.' })
  indicatorId!: string;

  @Field(() => Float, { description: 'Its weight, 0 or more.' })
  @Min(0)
  weight!: number;
}

@ArgsType()
export class ProgressArgs {
  @Field(() => Int, { description: 'The fiscal year to evaluate (Gregorian start year, e.g. 2021).' })
  fiscalYear!: number;

  @Field({
    defaultValue: false,
    description: 'Count draft and submitted actuals too (token holders only); by default only approved ones count.',
  })
  includeDrafts!: boolean;
}

@ArgsType()
export class SummaryArgs extends ProgressArgs {
  @Field(() => [IndicatorWeight], { nullable: true, description: 'Weights of some indicators (others weigh 1).' })
  weights?: IndicatorWeight[] | null;
}

export function progressType(e: Evaluation, planId: number): Progress {
  return { ...e, fiscalYear: fiscalYear(e.fiscalYear), target: e.target, actual: e.actual, planId };
}

export function summaryType(s: ProgressSummaryResult, planId: number): ProgressSummary {
  return { ...s, fiscalYear: fiscalYear(s.fiscalYear), planId };
}
