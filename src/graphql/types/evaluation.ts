import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ActualAction, ActualStatus } from '../../entities/enums';
import { evaluationGlobalId, type EvaluationRevisionRow, type EvaluationView } from '../../services/evaluations';

@ObjectType({
  description:
    'One step in the life of a measure evaluation: a grade recorded, submitted, approved or returned. Revisions are ' +
    'only ever added: together they are the audit trail.',
})
export class EvaluationRevision {
  @Field(() => Int, { description: 'Revision number, from 1.' })
  revision!: number;

  @Field(() => ActualAction, { description: 'What this step did.' })
  action!: ActualAction;

  @Field(() => ActualStatus, { description: 'The status of the evaluation after this step.' })
  status!: ActualStatus;

  @Field({ description: 'The grade code as of this step.' })
  grade!: string;

  @Field(() => String, { nullable: true, description: 'The evaluator’s comment as of this step.' })
  comment!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the evaluation was returned to draft (RETURNED steps).' })
  reason!: string | null;

  @Field({ description: 'Who took this step (the name of their token).' })
  actor!: string;

  @Field({ description: 'Who recorded the grade this step carries.' })
  recordedBy!: string;

  @Field(() => Date, { description: 'When the step was taken.' })
  at!: Date;
}

@ObjectType('Evaluation', {
  description:
    'A measure evaluation (施策評価): the evaluator’s grade on the plan’s grading scale and comment for one fiscal ' +
    'year, recorded through review (DRAFT → SUBMITTED → APPROVED). The public sees the latest approved revision only.',
})
export class EvaluationType {
  constructor(readonly view: EvaluationView) {}

  @Field(() => ID, { description: 'ID of the evaluation (for submitEvaluation, approveEvaluation, returnEvaluation).' })
  get id(): string {
    return evaluationGlobalId(this.view.evaluation.id);
  }

  @Field(() => Int, { description: 'The fiscal year evaluated (Gregorian start year).' })
  get fiscalYear(): number {
    return this.view.evaluation.fiscalYear;
  }

  @Field({ description: 'The evaluator’s grade: a level code of the plan’s grading scale.' })
  get grade(): string {
    return this.view.shown.grade;
  }

  @Field(() => String, { nullable: true, description: 'The evaluator’s comment.' })
  get comment(): string | null {
    return this.view.shown.comment;
  }

  @Field(() => ActualStatus, { description: 'Review status of the revision shown.' })
  get status(): ActualStatus {
    return this.view.shown.status;
  }

  @Field(() => Int, { description: 'Number of the revision shown; pass it as `expectedRevision` to revise.' })
  get revision(): number {
    return this.view.shown.revision;
  }

  @Field(() => Int, { nullable: true, description: 'Number of the latest approved revision, if any.' })
  get approvedRevision(): number | null {
    return this.view.evaluation.approvedRevision;
  }

  @Field({ description: 'Who recorded the grade shown (the name of their token).' })
  get recordedBy(): string {
    return this.view.shown.recordedBy;
  }

  @Field(() => [EvaluationRevision], { description: 'Every revision up to the one shown, oldest first.' })
  get history(): EvaluationRevisionRow[] {
    return this.view.history;
  }
}

@InputType({ description: 'A grade and comment for a measure and fiscal year.' })
export class RecordEvaluationInput {
  @Field(() => ID, { description: 'Global ID of the measure.' })
  measureId!: string;

  @Field(() => Int, { description: 'The fiscal year evaluated, within the plan.' })
  fiscalYear!: number;

  @Field({ description: 'A level code of the plan’s grading scale.' })
  grade!: string;

  @Field(() => String, { nullable: true, description: 'The evaluator’s comment (at most 2000 characters).' })
  comment?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The current revision, to revise an existing evaluation (a stale one is a CONFLICT).',
  })
  expectedRevision?: number | null;
}
