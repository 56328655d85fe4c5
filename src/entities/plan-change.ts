import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { PlanChangeKind, PlanSubjectType } from './enums';

@ObjectType({ description: 'One difference between a term and the previous term, found when the term was imported.' })
@Entity({ name: 'plan_change' })
export class PlanChange {
  @PrimaryGeneratedColumn({ name: 'id' })
  id!: number;

  @Column({ name: 'plan_id', type: 'int' })
  planId!: number;

  @Column({ name: 'position', type: 'int' })
  position!: number;

  @Field(() => PlanChangeKind, { description: 'What changed.' })
  @Column({ name: 'kind', type: 'text' })
  kind!: PlanChangeKind;

  @Field(() => PlanSubjectType, { description: 'What kind of item changed.' })
  @Column({ name: 'subject_type', type: 'text' })
  subjectType!: PlanSubjectType;

  @Field(() => String, { nullable: true, description: 'The item in the previous term (its name); null when ADDED.' })
  @Column({ name: 'previous_subject', type: 'text', nullable: true })
  previousSubject!: string | null;

  @Field(() => String, { nullable: true, description: 'The item in this term (its name); null when REMOVED.' })
  @Column({ name: 'new_subject', type: 'text', nullable: true })
  newSubject!: string | null;

  @Field({ description: 'The change in one sentence.' })
  @Column({ name: 'description', type: 'text' })
  description!: string;
}
