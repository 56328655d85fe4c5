import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Measure } from '../../entities';
import {
  evaluationsOfMeasure,
  moveEvaluation,
  recordEvaluation,
  suggestedGradeOfEvaluation,
} from '../../services/evaluations';
import type { Context } from '../context';
import { Grade, gradeType } from '../types/grading';
import { EvaluationType, RecordEvaluationInput } from '../types/evaluation';

@Resolver(() => EvaluationType)
class EvaluationResolver {
  @FieldResolver(() => Grade, {
    nullable: true,
    description:
      'The grade the measure’s progress suggests for this year (approved actuals, the plan’s scale), next to the ' +
      'evaluator’s; null when nothing could be judged.',
  })
  async suggestedGrade(@Root() evaluation: EvaluationType, @Ctx() ctx: Context): Promise<Grade | null> {
    return gradeType(await suggestedGradeOfEvaluation(ctx, evaluation.view));
  }
}

@Resolver(() => Measure)
class MeasureEvaluationResolver {
  @FieldResolver(() => EvaluationType, {
    nullable: true,
    description:
      'The evaluation (施策評価) of the measure for a fiscal year: the public sees the latest approved revision; a ' +
      'token holder the latest revision. Null when there is none to show.',
  })
  async evaluation(
    @Root() measure: Measure,
    @Arg('fiscalYear', () => Int, { description: 'The fiscal year (Gregorian start year).' }) fiscalYear: number,
    @Ctx() ctx: Context,
  ): Promise<EvaluationType | null> {
    const [view] = await evaluationsOfMeasure(ctx, measure.id, fiscalYear);
    return view ? new EvaluationType(view) : null;
  }

  @FieldResolver(() => [EvaluationType], {
    description: 'The evaluations of the measure, by fiscal year, as the caller may see them (each with its history).',
  })
  async evaluations(@Root() measure: Measure, @Ctx() ctx: Context): Promise<EvaluationType[]> {
    return (await evaluationsOfMeasure(ctx, measure.id)).map((v) => new EvaluationType(v));
  }
}

@Resolver()
class EvaluationMutationResolver {
  @Authorized('editor', 'admin')
  @Mutation(() => EvaluationType, {
    description:
      'Records a measure evaluation: a new one (revision 1, DRAFT) or a new revision (pass expectedRevision). The ' +
      'grade must be a code of the plan’s grading scale.',
  })
  async recordEvaluation(
    @Arg('input', () => RecordEvaluationInput, { description: 'The grade and comment.' }) input: RecordEvaluationInput,
    @Ctx() ctx: Context,
  ): Promise<EvaluationType> {
    return new EvaluationType(await recordEvaluation(ctx, input));
  }

  @Authorized('editor', 'admin')
  @Mutation(() => EvaluationType, { description: 'Submits a DRAFT evaluation for review (→ SUBMITTED).' })
  async submitEvaluation(
    @Arg('id', () => ID, { description: 'ID of the evaluation.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<EvaluationType> {
    return new EvaluationType(await moveEvaluation(ctx, id, 'submit'));
  }

  @Authorized('approver', 'admin')
  @Mutation(() => EvaluationType, {
    description: 'Approves a SUBMITTED evaluation (→ APPROVED, visible to the public). Nobody approves their own.',
  })
  async approveEvaluation(
    @Arg('id', () => ID, { description: 'ID of the evaluation.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<EvaluationType> {
    return new EvaluationType(await moveEvaluation(ctx, id, 'approve'));
  }

  @Authorized('approver', 'admin')
  @Mutation(() => EvaluationType, { description: 'Returns a SUBMITTED evaluation to DRAFT, with the reason.' })
  async returnEvaluation(
    @Arg('id', () => ID, { description: 'ID of the evaluation.' }) id: string,
    @Arg('reason', { description: 'Why it is returned (1 to 2000 characters).' }) reason: string,
    @Ctx() ctx: Context,
  ): Promise<EvaluationType> {
    return new EvaluationType(await moveEvaluation(ctx, id, 'return', reason));
  }
}

export const evaluationResolvers = [EvaluationResolver, MeasureEvaluationResolver, EvaluationMutationResolver] as const;
