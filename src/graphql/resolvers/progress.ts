import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { gradeOf, suggestedGradeOf } from '../../services/grading';
import type { Context } from '../context';
import { Grade, gradeType } from '../types/grading';
import { Language } from '../types/language';
import { Progress, ProgressSummary } from '../types/progress';

@Resolver(() => Progress)
export class ProgressResolver {
  @FieldResolver(() => String, {
    description:
      'One sentence a citizen can read: the values compared, the rule used, the verdict — the same sentence in ' +
      'each language, e.g. 「令和3年度: 93.0%(目標 90%程度、低いほど良い、許容幅5%)— 達成」.',
  })
  explanation(
    @Root() progress: Progress,
    @Arg('language', () => Language, {
      nullable: true,
      defaultValue: 'EN',
      description: 'The language of the sentence (null: EN).',
    })
    language: Language | null,
  ): string {
    return progress.explanations[language ?? 'EN'];
  }

  @FieldResolver(() => Grade, {
    nullable: true,
    description:
      'The level of the plan’s grading scale this reading reaches; null when the plan has no scale or no level matches.',
  })
  async grade(@Root() progress: Progress, @Ctx() ctx: Context): Promise<Grade | null> {
    return gradeType(await gradeOf(ctx, progress.planId, progress));
  }
}

@Resolver(() => ProgressSummary)
export class ProgressSummaryResolver {
  @FieldResolver(() => Grade, {
    nullable: true,
    description:
      'The grade the weighted achievedShare suggests, read as a rate on the plan’s grading scale; null without a ' +
      'scale or when nothing could be judged.',
  })
  async suggestedGrade(@Root() summary: ProgressSummary, @Ctx() ctx: Context): Promise<Grade | null> {
    return gradeType(await suggestedGradeOf(ctx, summary.planId, summary));
  }
}
