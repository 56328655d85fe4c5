import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Footnote, Indicator, Measure, Plan, Project } from '../../entities';
import type { Context } from '../context';
import { ListPageArgs, slicePage } from '../list-page';
import { IndicatorFilter } from '../filters';
import { filteredChildren } from '../../services/nested';
import { mustExist } from '../must-exist';

@Resolver(() => Project)
export class ProjectResolver {
  @FieldResolver(() => Plan, { description: 'The plan the project belongs to.' })
  plan(@Root() project: Project, @Ctx() ctx: Context): Promise<Plan> {
    return mustExist(ctx.loaders.plan.load(project.planId), 'plan');
  }

  @FieldResolver(() => [Measure], {
    description: 'The measures the project is printed under (more than one when it is reposted), in document order.',
  })
  measures(@Root() project: Project, @Ctx() ctx: Context): Promise<Measure[]> {
    return ctx.loaders.measuresByProject.load(project.id);
  }

  @FieldResolver(() => [Indicator], { description: '実績目標: the performance-target rows, in table order.' })
  async indicators(
    @Root() project: Project,
    @Ctx() ctx: Context,
    @Arg('filter', () => IndicatorFilter, {
      nullable: true,
      description: 'Only the items that match (conditions combined with AND).',
    })
    filter?: IndicatorFilter | null,
    @Args(() => ListPageArgs) page?: ListPageArgs,
  ): Promise<Indicator[]> {
    const items = filter
      ? await filteredChildren(ctx, 'indicatorsByProject', project.id, filter)
      : await ctx.loaders.indicatorsByProject.load(project.id);
    return page ? slicePage(items, page) : items;
  }

  @FieldResolver(() => [Footnote], { description: 'Footnotes printed under the project’s table, by marker.' })
  footnotes(@Root() project: Project, @Ctx() ctx: Context): Promise<Footnote[]> {
    return ctx.loaders.footnotesByProject.load(project.id);
  }
}
