import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { ActualAction, ActualStatus } from './enums';
import { PlanValue } from './plan-value';

/** The current state of one indicator's actual for one fiscal year; its content lives in its revisions. */
@Entity({ name: 'actual' })
export class Actual {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'indicator_id', type: 'int' })
  indicatorId!: number;

  @Column({ name: 'fiscal_year', type: 'int' })
  fiscalYear!: number;

  /** Number of the latest revision. */
  @Column({ name: 'revision', type: 'int' })
  revision!: number;

  @Column({ name: 'status', type: 'text' })
  status!: ActualStatus;

  /** Number of the latest approved revision: what the public sees. */
  @Column({ name: 'approved_revision', type: 'int', nullable: true })
  approvedRevision!: number | null;
}

@ObjectType({
  description:
    'One step in the life of an actual: a value recorded, submitted, approved or returned. Revisions are only ever ' +
    'added, never changed or deleted: together they are the audit trail.',
})
@Entity({ name: 'actual_revision' })
export class ActualRevision {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'actual_id', type: 'int' })
  actualId!: number;

  @Field(() => Int, { description: 'Revision number, from 1; pass the latest as `expectedRevision` when recording.' })
  @Column({ name: 'revision', type: 'int' })
  revision!: number;

  @Field(() => ActualAction, { description: 'What this step did.' })
  @Column({ name: 'action', type: 'text' })
  action!: ActualAction;

  @Field(() => ActualStatus, { description: 'The status of the actual after this step.' })
  @Column({ name: 'status', type: 'text' })
  status!: ActualStatus;

  @Field(() => PlanValue, { description: 'The achieved value as of this step.' })
  @Column(() => PlanValue, { prefix: 'value' })
  value!: PlanValue;

  @Field(() => String, { nullable: true, description: 'The note recorded with the value.' })
  @Column({ name: 'note', type: 'text', nullable: true })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the actual was returned to draft (RETURNED steps).' })
  @Column({ name: 'reason', type: 'text', nullable: true })
  reason!: string | null;

  @Field({ description: 'Who took this step (the name of their token).' })
  @Column({ name: 'actor', type: 'text' })
  actor!: string;

  @Column({ name: 'actor_token_id', type: 'int', nullable: true })
  actorTokenId!: number | null;

  @Field({ description: 'Who recorded the value this step carries.' })
  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ name: 'recorded_by_token_id', type: 'int', nullable: true })
  recordedByTokenId!: number | null;

  @Field(() => Date, { description: 'When the step was taken.' })
  @Column({ name: 'at', type: 'timestamptz' })
  at!: Date;
}
