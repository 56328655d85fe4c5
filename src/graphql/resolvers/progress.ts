import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { Language } from '../types/language';
import { Progress } from '../types/progress';

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
}
