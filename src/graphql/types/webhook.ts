import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DeliveryStatus, WebhookEvent } from '../../entities/enums';
import type { DeliveryData, WebhookData } from '../../services/webhooks';

@InputType({ description: 'A webhook to register (admins only).' })
export class CreateWebhookInput {
  @Field({ description: 'Where events are POSTed: an http:// or https:// URL (at most 2000 characters).' })
  url!: string;

  @Field(() => [WebhookEvent], { description: 'The events to send (at least one).' })
  events!: WebhookEvent[];

  @Field(() => String, { nullable: true, description: 'Only this plan’s events; every plan’s when omitted.' })
  planCode?: string | null;

  @Field({
    description:
      'Key of the X-Plangraph-Signature header (sha256=<hex HMAC-SHA256 of the raw body>), 16 to 200 characters. ' +
      'Stored, never returned.',
  })
  secret!: string;
}

@ObjectType('WebhookDelivery', {
  description:
    'One event sent (or to be sent) to one webhook. Its id is the X-Plangraph-Delivery header: a receiver that ' +
    'sees an id twice (a retry after a lost answer) has the same delivery again.',
})
export class WebhookDeliveryType {
  constructor(readonly data: DeliveryData) {}

  @Field(() => ID, { description: 'Delivery id (the X-Plangraph-Delivery header).' })
  get id(): string {
    return this.data.id;
  }

  @Field(() => ID, { description: 'The event’s id (ActualEvent.id / FiscalYearEvent.id of subscriptions).' })
  get eventId(): string {
    return this.data.eventId;
  }

  @Field(() => WebhookEvent, { description: 'The event sent.' })
  get event(): WebhookEvent {
    return this.data.event;
  }

  @Field(() => DeliveryStatus, { description: 'Pending, delivered or failed.' })
  get status(): DeliveryStatus {
    return this.data.status;
  }

  @Field(() => Int, { description: 'Attempts made so far.' })
  get attempts(): number {
    return this.data.attempts;
  }

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last answer (none: no answer).' })
  get lastStatusCode(): number | null {
    return this.data.lastStatusCode;
  }

  @Field(() => String, {
    nullable: true,
    description: 'What went wrong last: the status and the start of the receiver’s answer, or the network error.',
  })
  get lastError(): string | null {
    return this.data.lastError;
  }

  @Field(() => Date, { nullable: true, description: 'When the last attempt started.' })
  get lastAttemptAt(): Date | null {
    return this.data.lastAttemptAt;
  }

  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (pending deliveries).' })
  get nextAttemptAt(): Date | null {
    return this.data.nextAttemptAt;
  }

  @Field(() => Date, { nullable: true, description: 'When it was delivered.' })
  get deliveredAt(): Date | null {
    return this.data.deliveredAt;
  }
}

@ObjectType('Webhook', { description: 'A registered webhook (admins only). Its secret is never returned.' })
export class WebhookType {
  constructor(readonly data: WebhookData) {}

  @Field(() => ID, { description: 'Id of the webhook (for deleteWebhook).' })
  get id(): string {
    return String(this.data.id);
  }

  @Field({ description: 'Where events are POSTed.' })
  get url(): string {
    return this.data.url;
  }

  @Field(() => [WebhookEvent], { description: 'The events it is sent.' })
  get events(): WebhookEvent[] {
    return this.data.events;
  }

  @Field(() => String, { nullable: true, description: 'Code of its plan; null for every plan.' })
  get planCode(): string | null {
    return this.data.planCode;
  }

  @Field({ description: 'Name of the admin token that registered it.' })
  get createdBy(): string {
    return this.data.createdBy;
  }

  @Field(() => Date, { description: 'When it was registered.' })
  get createdAt(): Date {
    return this.data.createdAt;
  }
}
