import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Footnote, Indicator, Target } from '../../entities';
import type { Context } from '../context';
import { FiscalYear, fiscalYear } from '../fiscal-year';
import { mustExist } from '../must-exist';

@Resolver(() => Target)
export class TargetResolver {
  @FieldResolver(() => Indicator, { description: 'The indicator (row) the cell belongs to.' })
  indicator(@Root() target: Target, @Ctx() ctx: Context): Promise<Indicator> {
    return mustExist(ctx.loaders.indicator.load(target.indicatorId), 'indicator');
  }

  @FieldResolver(() => FiscalYear, { description: 'The fiscal year of the cell’s column.' })
  fiscalYear(@Root() target: Target): FiscalYear {
    return fiscalYear(target.fiscalYear, target.planId);
  }

  @FieldResolver(() => [Footnote], { description: 'Footnotes whose marker (※N) sits in this cell.' })
  footnotes(@Root() target: Target, @Ctx() ctx: Context): Promise<Footnote[]> {
    return ctx.loaders.footnotesByTarget.load(target.id);
  }
}
