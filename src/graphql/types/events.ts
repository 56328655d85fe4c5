import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from 'graphql-relay';
import { ActualEventKind, FiscalYearEventKind } from '../../entities/enums';
import type { ActualEventData, FiscalYearEventData } from '../../services/live';
import { FiscalYear, fiscalYear } from '../fiscal-year';
import { ActualType, actualType } from './actual';

@ObjectType('ActualEvent', { description: 'A review step of an actual, as actualChanged announces it.' })
export class ActualEventType {
  constructor(readonly data: ActualEventData) {}

  @Field(() => ID, { description: 'The event’s id (ascending in commit order; webhooks carry the same id).' })
  get id(): string {
    return this.data.event.id;
  }

  @Field(() => ActualEventKind, { description: 'The step.' })
  get kind(): ActualEventKind {
    return this.data.kind;
  }

  @Field(() => ActualType, {
    description: 'The actual as the subscriber sees it when the event arrives (the public: its approved revision).',
  })
  get actual(): ActualType {
    return actualType(this.data.actual);
  }

  @Field(() => Int, { description: 'The revision the step wrote.' })
  get revision(): number {
    return this.data.event.revision!;
  }

  @Field(() => FiscalYear, { description: 'The fiscal year of the actual.' })
  get fiscalYear(): FiscalYear {
    return fiscalYear(this.data.event.fiscalYear);
  }

  @Field(() => Date, { description: 'When the step was committed.' })
  get at(): Date {
    return this.data.event.at;
  }
}

@ObjectType('FiscalYearEvent', { description: 'A fiscal year closed or reopened, as fiscalYearChanged announces it.' })
export class FiscalYearEventType {
  constructor(readonly data: FiscalYearEventData) {}

  @Field(() => ID, { description: 'The event’s id (webhooks carry the same id).' })
  get id(): string {
    return this.data.event.id;
  }

  @Field(() => FiscalYearEventKind, { description: 'Closed or reopened.' })
  get kind(): FiscalYearEventKind {
    return this.data.kind;
  }

  @Field(() => FiscalYear, { description: 'The fiscal year.' })
  get fiscalYear(): FiscalYear {
    return fiscalYear(this.data.event.fiscalYear);
  }

  @Field(() => ID, { nullable: true, description: 'Global ID of the measure, when only one measure’s part changed.' })
  get measureId(): string | null {
    const [measure] = this.data.event.measureIds;
    return measure === undefined ? null : toGlobalId('Measure', String(measure));
  }

  @Field(() => String, { nullable: true, description: 'The reason given.' })
  get reason(): string | null {
    return this.data.event.reason;
  }

  @Field(() => Date, { description: 'When it was committed.' })
  get at(): Date {
    return this.data.event.at;
  }
}
