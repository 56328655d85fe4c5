import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { AppError } from '../../domain/errors';
import { parseGlobalId } from '../../services/global-id';
import {
  subscribeActualEvents,
  subscribeFiscalYearEvents,
  type ActualEventData,
  type FiscalYearEventData,
  type LiveSubscriber,
} from '../../services/live';
import type { Context } from '../context';
import { ActualEventType, FiscalYearEventType } from '../types/events';

type Data = SubscribeResolverData<unknown, Record<string, unknown>, Context>;

function liveOf(context: Context): LiveSubscriber {
  // Over HTTP the server refuses a subscription before it runs (http/plugins.ts); this is the same rule.
  if (!context.live) throw new AppError('BAD_USER_INPUT', 'Subscriptions are served over WebSocket (graphql-ws) only.');
  return context.live;
}

// Subscriptions over graphql-ws (subprotocol graphql-transport-ws) at /graphql: src/http/subscriptions.ts.
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => ActualEventType, {
    description:
      'Review steps of the plan’s actuals (of one measure, if given). The public receives approvals only, with ' +
      'the approved value; a token given in connection_init also receives drafts, submissions and returns within ' +
      'its measures.',
    subscribe: ({ args, context }: Data) =>
      subscribeActualEvents(context, liveOf(context), {
        planCode: args.planCode as string,
        measureId: args.measureId == null ? null : parseGlobalId(args.measureId as string, 'Measure').id,
      }),
  })
  actualChanged(
    @Root() event: ActualEventData,
    @Arg('planCode', { description: 'Code of the plan.' }) _planCode: string,
    @Arg('measureId', () => ID, { nullable: true, description: 'Global ID of a measure: only its indicators.' })
    _measureId?: string,
  ): ActualEventType {
    return new ActualEventType(event);
  }

  @Subscription(() => FiscalYearEventType, {
    description: 'The plan’s fiscal years closed and reopened (plan-wide or for one measure); public.',
    subscribe: ({ args, context }: Data) =>
      subscribeFiscalYearEvents(context, liveOf(context), { planCode: args.planCode as string }),
  })
  fiscalYearChanged(
    @Root() event: FiscalYearEventData,
    @Arg('planCode', { description: 'Code of the plan.' }) _planCode: string,
  ): FiscalYearEventType {
    return new FiscalYearEventType(event);
  }
}
