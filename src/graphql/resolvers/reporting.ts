import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';
import { Measure, Plan, Policy } from '../../entities';
import { FiscalYearAction, ReportingState } from '../../entities/enums';
import { AppError } from '../../domain/errors';
import {
  closeFiscalYear,
  dueDateOf,
  periodHistory,
  planWideClosing,
  reopenFiscalYear,
  setReportingDeadline,
  type PeriodEvent,
} from '../../services/periods';
import {
  reportingIndicators,
  reportingStatus,
  type ReportingScope,
  type ReportingStatusData,
} from '../../services/reporting';
import type { ConnectionResult } from '../../services/paging';
import type { Indicator } from '../../entities';
import { PageArgs } from '../connection';
import { IndicatorConnection } from '../connections';
import type { Context } from '../context';
import { FiscalYear, fiscalYear } from '../fiscal-year';
import { mustExist } from '../must-exist';

@ObjectType('FiscalYearHistoryEntry', {
  description: 'A closing or a reopening of a plan’s fiscal year (FiscalYear.history).',
})
export class FiscalYearEvent {
  @Field(() => FiscalYearAction, { description: 'Closed or reopened.' })
  action!: FiscalYearAction;

  @Field(() => DateTimeResolver, { description: 'When.' })
  at!: Date;

  @Field({ description: 'Name of the token that did it.' })
  by!: string;

  @Field(() => String, { nullable: true, description: 'Why (required for a reopening).' })
  reason!: string | null;

  measureId!: number | null;
}

@ObjectType({
  description:
    'Where the actuals of a plan, policy or measure stand for one fiscal year. The counts partition the indicators ' +
    'with a target that year (indicatorsTotal) by the state of their actual, as the latest revision says. The ' +
    'public (no token) sees indicatorsTotal, approved (indicators with an approved actual) and closed; the other ' +
    'fields are null for it.',
})
export class ReportingStatus {
  @Field(() => Int, { description: 'Indicators with a target (not a baseline estimate) in the year.' })
  indicatorsTotal!: number;

  @Field(() => Int, { nullable: true, description: 'Indicators with no actual for the year. Null for the public.' })
  missing!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Indicators whose actual is a draft (recorded, not submitted, not returned). Null for the public.',
  })
  draft!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Indicators whose actual waits for an approver. Null for the public.',
  })
  submitted!: number | null;

  @Field(() => Int, {
    description:
      'Indicators whose actual is approved (token holders: the latest revision is approved; the public: an approved revision exists).',
  })
  approved!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Indicators whose actual was returned to draft and not yet submitted again. Null for the public.',
  })
  returned!: number | null;

  @Field(() => DateResolver, {
    nullable: true,
    description: 'The reporting deadline (setReportingDeadline); null when none is set, and for the public.',
  })
  dueDate!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when today (in Japan) is after dueDate and not every indicator is approved; false without a deadline. Null for the public.',
  })
  overdue!: boolean | null;

  @Field({
    description:
      'True when the year is closed for these actuals: plan-wide, or (a measure) for the measure, or (a policy) for every one of its measures.',
  })
  closed!: boolean;

  data!: ReportingStatusData;
}

function statusType(data: ReportingStatusData): ReportingStatus {
  return Object.assign(new ReportingStatus(), { ...data, data });
}

@Resolver(() => ReportingStatus)
export class ReportingStatusResolver {
  @FieldResolver(() => FiscalYear, { description: 'The fiscal year of the status.' })
  fiscalYear(@Root() status: ReportingStatus): FiscalYear {
    return fiscalYear(status.data.fiscalYear, status.data.planId);
  }

  @FieldResolver(() => IndicatorConnection, {
    nullable: true,
    description:
      'The indicators behind a count: those in `state` (omit it for every indicator of indicatorsTotal), in document ' +
      'order. The public may list every indicator and the APPROVED ones; for other states it gets null.',
  })
  indicators(
    @Root() status: ReportingStatus,
    @Ctx() ctx: Context,
    @Arg('state', () => ReportingState, { nullable: true, description: 'The state of the count to list.' })
    state: ReportingState | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Promise<ConnectionResult<Indicator> | null> {
    return reportingIndicators(ctx, status.data, state ?? null, page);
  }
}

@Resolver(() => FiscalYear)
export class FiscalYearResolver {
  @FieldResolver(() => Boolean, {
    description:
      'True while the year is closed for the whole plan (a measure-level closing shows in history and in ' +
      'Measure.reporting). False for a year read outside one plan (cross-plan aggregates).',
  })
  async closed(@Root() year: FiscalYear, @Ctx() ctx: Context): Promise<boolean> {
    return year.planId ? (await planWideClosing(ctx, year.planId, year.year)) !== null : false;
  }

  @FieldResolver(() => DateTimeResolver, {
    nullable: true,
    description: 'When the current plan-wide closing was made.',
  })
  async closedAt(@Root() year: FiscalYear, @Ctx() ctx: Context): Promise<Date | null> {
    return year.planId ? ((await planWideClosing(ctx, year.planId, year.year))?.closedAt ?? null) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Name of the token that made the current plan-wide closing.',
  })
  async closedBy(@Root() year: FiscalYear, @Ctx() ctx: Context): Promise<string | null> {
    return year.planId ? ((await planWideClosing(ctx, year.planId, year.year))?.closedBy ?? null) : null;
  }

  @FieldResolver(() => DateResolver, {
    nullable: true,
    description:
      'The reporting deadline of the year in the plan (setReportingDeadline). Null when none is set, and for the public.',
  })
  async dueDate(@Root() year: FiscalYear, @Ctx() ctx: Context): Promise<string | null> {
    if (!year.planId || ctx.viewer.scope(undefined) === 'approved') return null;
    return dueDateOf(ctx, year.planId, year.year);
  }

  @FieldResolver(() => [FiscalYearEvent], {
    description: 'Every closing and reopening of the year in the plan (plan-wide and per measure), oldest first.',
  })
  async history(@Root() year: FiscalYear, @Ctx() ctx: Context): Promise<FiscalYearEvent[]> {
    if (!year.planId) return [];
    return (await periodHistory(ctx, year.planId, year.year)).map((e: PeriodEvent) =>
      Object.assign(new FiscalYearEvent(), e),
    );
  }
}

@Resolver(() => FiscalYearEvent)
export class FiscalYearEventResolver {
  @FieldResolver(() => Measure, {
    nullable: true,
    description: 'The measure closed or reopened; null: the whole plan.',
  })
  measure(@Root() event: FiscalYearEvent, @Ctx() ctx: Context): Promise<Measure | null> {
    return event.measureId === null ? Promise.resolve(null) : ctx.loaders.measure.load(event.measureId);
  }
}

const REPORTING_DESCRIPTION =
  'Where the actuals for `fiscalYear` stand: counts per state, deadline, closed. The public sees indicatorsTotal, approved and closed.';

function reportingField(ctx: Context, scope: ReportingScope, year: number): Promise<ReportingStatus> {
  return reportingStatus(ctx, scope, year).then(statusType);
}

@Resolver(() => Plan)
export class PlanReportingResolver {
  @FieldResolver(() => ReportingStatus, { description: REPORTING_DESCRIPTION })
  reporting(
    @Root() plan: Plan,
    @Arg('fiscalYear', () => Int, { description: 'Gregorian year the fiscal year starts in.' }) year: number,
    @Ctx() ctx: Context,
  ): Promise<ReportingStatus> {
    return reportingField(ctx, { kind: 'plan', plan }, year);
  }
}

@Resolver(() => Policy)
export class PolicyReportingResolver {
  @FieldResolver(() => ReportingStatus, { description: REPORTING_DESCRIPTION })
  async reporting(
    @Root() policy: Policy,
    @Arg('fiscalYear', () => Int, { description: 'Gregorian year the fiscal year starts in.' }) year: number,
    @Ctx() ctx: Context,
  ): Promise<ReportingStatus> {
    const plan = await mustExist(ctx.loaders.plan.load(policy.planId), 'plan');
    return reportingField(ctx, { kind: 'policy', plan, policyId: policy.id }, year);
  }
}

@Resolver(() => Measure)
export class MeasureReportingResolver {
  @FieldResolver(() => ReportingStatus, { description: REPORTING_DESCRIPTION })
  async reporting(
    @Root() measure: Measure,
    @Arg('fiscalYear', () => Int, { description: 'Gregorian year the fiscal year starts in.' }) year: number,
    @Ctx() ctx: Context,
  ): Promise<ReportingStatus> {
    const plan = await mustExist(ctx.loaders.plan.load(measure.planId), 'plan');
    return reportingField(ctx, { kind: 'measure', plan, measureId: measure.id }, year);
  }
}

@Resolver()
export class ReportingMutationResolver {
  @Authorized('approver', 'admin')
  @Mutation(() => FiscalYear, {
    description:
      'Closes a fiscal year of a plan (or, with measureId, for one measure): until it is reopened, recording, ' +
      'submitting, approving and returning its actuals (and CSV rows for it) fail with PERIOD_CLOSED and write ' +
      'nothing. Closing a closed year is a CONFLICT.',
  })
  async closeFiscalYear(
    @Arg('planCode', { description: 'Code of the plan.' }) planCode: string,
    @Arg('fiscalYear', () => Int, { description: 'Gregorian year the fiscal year starts in.' }) year: number,
    @Arg('reason', () => String, { nullable: true, description: 'Why (up to 2000 characters).' })
    reason: string | null,
    @Arg('measureId', () => ID, { nullable: true, description: 'Close the year for this measure only.' })
    measureId: string | null,
    @Ctx() ctx: Context,
  ): Promise<FiscalYear> {
    const { planId } = await closeFiscalYear(ctx, { planCode, fiscalYear: year, reason, measureId });
    return fiscalYear(year, planId);
  }

  @Authorized('admin')
  @Mutation(() => FiscalYear, {
    description:
      'Reopens a closed fiscal year (plan-wide, or with measureId the closing of that measure), with the reason. ' +
      'Reopening an open year is a CONFLICT.',
  })
  async reopenFiscalYear(
    @Arg('planCode', { description: 'Code of the plan.' }) planCode: string,
    @Arg('fiscalYear', () => Int, { description: 'Gregorian year the fiscal year starts in.' }) year: number,
    @Arg('reason', { description: 'Why it is reopened (1 to 2000 characters).' }) reason: string,
    @Arg('measureId', () => ID, { nullable: true, description: 'Reopen the closing of this measure.' })
    measureId: string | null,
    @Ctx() ctx: Context,
  ): Promise<FiscalYear> {
    const { planId } = await reopenFiscalYear(ctx, { planCode, fiscalYear: year, reason, measureId });
    return fiscalYear(year, planId);
  }

  @Authorized('admin')
  @Mutation(() => FiscalYear, {
    description: 'Sets the reporting deadline of a plan’s fiscal year (ReportingStatus.dueDate, overdue).',
  })
  async setReportingDeadline(
    @Arg('planCode', { description: 'Code of the plan.' }) planCode: string,
    @Arg('fiscalYear', () => Int, { description: 'Gregorian year the fiscal year starts in.' }) year: number,
    @Arg('dueDate', () => DateResolver, { description: 'The deadline, a date such as 2022-06-30.' }) dueDate: Date,
    @Ctx() ctx: Context,
  ): Promise<FiscalYear> {
    if (!(dueDate instanceof Date) || Number.isNaN(dueDate.getTime())) {
      throw new AppError('BAD_USER_INPUT', 'dueDate must be a date such as 2022-06-30.', { argument: 'dueDate' });
    }
    const { planId } = await setReportingDeadline(ctx, {
      planCode,
      fiscalYear: year,
      dueDate: dueDate.toISOString().slice(0, 10),
    });
    return fiscalYear(year, planId);
  }
}

export const reportingResolvers = [
  ReportingStatusResolver,
  FiscalYearResolver,
  FiscalYearEventResolver,
  PlanReportingResolver,
  PolicyReportingResolver,
  MeasureReportingResolver,
  ReportingMutationResolver,
] as const;
