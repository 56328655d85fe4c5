import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ActualRevision, Footnote, Indicator } from '../../entities';
import type { Context } from '../context';
import { FiscalYear, fiscalYear } from '../fiscal-year';
import { mustExist } from '../must-exist';
import { ActualView } from '../types/actual';

@Resolver(() => ActualView)
export class ActualResolver {
  @FieldResolver(() => Indicator, { description: 'The indicator the value was achieved for.' })
  indicator(@Root() view: ActualView, @Ctx() ctx: Context): Promise<Indicator> {
    return mustExist(ctx.loaders.indicator.load(view.actual.indicatorId), 'indicator');
  }

  @FieldResolver(() => FiscalYear, { description: 'The fiscal year the value was achieved in.' })
  fiscalYear(@Root() view: ActualView): FiscalYear {
    return fiscalYear(view.actual.fiscalYear);
  }

  @FieldResolver(() => [Footnote], { description: 'Footnotes recorded with the value (e.g. a COVID-19 effect).' })
  footnotes(@Root() view: ActualView, @Ctx() ctx: Context): Promise<Footnote[]> {
    return ctx.loaders.footnotesByRevision.load(view.valueRevision.id);
  }
}

@Resolver(() => ActualRevision)
export class ActualRevisionResolver {
  @FieldResolver(() => [Footnote], { description: 'Footnotes recorded in this revision.' })
  footnotes(@Root() revision: ActualRevision, @Ctx() ctx: Context): Promise<Footnote[]> {
    return ctx.loaders.footnotesByRevision.load(revision.id);
  }
}
