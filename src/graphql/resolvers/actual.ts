import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ActualRevision, Footnote, Indicator } from '../../entities';
import type { Context } from '../context';
import { FiscalYear, fiscalYear } from '../fiscal-year';
import { mustExist } from '../must-exist';
import { ActualType } from '../types/actual';

@Resolver(() => ActualType)
export class ActualResolver {
  @FieldResolver(() => Indicator, { description: 'The indicator the value was achieved for.' })
  indicator(@Root() actual: ActualType, @Ctx() ctx: Context): Promise<Indicator> {
    return mustExist(ctx.loaders.indicator.load(actual.view.actual.indicatorId), 'indicator');
  }

  @FieldResolver(() => FiscalYear, { description: 'The fiscal year the value was achieved in.' })
  fiscalYear(@Root() actual: ActualType): FiscalYear {
    return fiscalYear(actual.view.actual.fiscalYear, actual.view.actual.planId);
  }

  @FieldResolver(() => [Footnote], { description: 'Footnotes recorded with the value (e.g. a COVID-19 effect).' })
  footnotes(@Root() actual: ActualType, @Ctx() ctx: Context): Promise<Footnote[]> {
    return ctx.loaders.footnotesByRevision.load(actual.view.valueRevision.id);
  }
}

@Resolver(() => ActualRevision)
export class ActualRevisionResolver {
  @FieldResolver(() => [Footnote], { description: 'Footnotes recorded in this revision.' })
  footnotes(@Root() revision: ActualRevision, @Ctx() ctx: Context): Promise<Footnote[]> {
    return ctx.loaders.footnotesByRevision.load(revision.id);
  }
}
