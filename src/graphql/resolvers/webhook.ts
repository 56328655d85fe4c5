import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '../../domain/errors';
import { createWebhook, deleteWebhook, deliveriesOf, listWebhooks } from '../../services/webhooks';
import type { Context } from '../context';
import { CreateWebhookInput, WebhookDeliveryType, WebhookType } from '../types/webhook';

function webhookId(id: string): number {
  if (!/^[0-9]{1,10}$/.test(id) || Number(id) > 2_147_483_647) {
    throw badInput(`"${id.slice(0, 40)}" is not a webhook id.`, { argument: 'id' });
  }
  return Number(id);
}

// Webhooks are admins' only: registering, listing, deleting, and the receivers' answers in deliveries.
@Resolver(() => WebhookType)
export class WebhookResolver {
  @Authorized('admin')
  @Query(() => [WebhookType], { description: 'Registered webhooks, oldest first (admins only).' })
  async webhooks(@Ctx() ctx: Context): Promise<WebhookType[]> {
    return (await listWebhooks(ctx)).map((w) => new WebhookType(w));
  }

  @Authorized('admin')
  @Mutation(() => WebhookType, {
    description:
      'Registers a webhook (admins only): each event it names is POSTed as JSON to its URL, signed with ' +
      'X-Plangraph-Signature, with an X-Plangraph-Delivery id, and retried with backoff until answered 2xx.',
  })
  async createWebhook(
    @Arg('input', () => CreateWebhookInput, { description: 'URL, events, plan and secret.' }) input: CreateWebhookInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookType> {
    return new WebhookType(await createWebhook(ctx, input));
  }

  @Authorized('admin')
  @Mutation(() => Boolean, {
    description: 'Deletes a webhook and its pending deliveries (admins only); false when there was none.',
  })
  deleteWebhook(
    @Arg('id', () => ID, { description: 'Id of the webhook.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return deleteWebhook(ctx, webhookId(id));
  }

  @FieldResolver(() => [WebhookDeliveryType], {
    description: 'Its latest 50 deliveries, oldest event first: attempts, status codes, next retry.',
  })
  async deliveries(@Root() webhook: WebhookType, @Ctx() ctx: Context): Promise<WebhookDeliveryType[]> {
    const [list] = await deliveriesOf(ctx, [webhook.data.id]);
    return list.map((d) => new WebhookDeliveryType(d));
  }
}
