import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Footnote, Indicator, Measure, Project, Target } from '../../entities';
import type { Context } from '../context';

@Resolver(() => Footnote)
export class FootnoteResolver {
  @FieldResolver(() => [Target], { description: 'The cells that carry the marker.' })
  targets(@Root() footnote: Footnote, @Ctx() ctx: Context): Promise<Target[]> {
    return ctx.loaders.targetsByFootnote.load(footnote.id);
  }

  @FieldResolver(() => [Indicator], { description: 'The rows whose label carries the marker.' })
  indicators(@Root() footnote: Footnote, @Ctx() ctx: Context): Promise<Indicator[]> {
    return ctx.loaders.indicatorsByFootnote.load(footnote.id);
  }

  @FieldResolver(() => Measure, { nullable: true, description: 'The measure whose outcome table it is printed under.' })
  measure(@Root() footnote: Footnote, @Ctx() ctx: Context): Promise<Measure | null> {
    return footnote.measureId === null ? Promise.resolve(null) : ctx.loaders.measure.load(footnote.measureId);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'The project whose table it is printed under.' })
  project(@Root() footnote: Footnote, @Ctx() ctx: Context): Promise<Project | null> {
    return footnote.projectId === null ? Promise.resolve(null) : ctx.loaders.project.load(footnote.projectId);
  }
}
