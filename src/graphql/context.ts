import type { RequestContext } from '../context';
import type { LiveSubscriber } from '../services/live';

/**
 * What a resolver gets: the request context (src/context), built per request by the server; a subscription
 * over WebSocket also gets `live` (its events and its subscriber, checked again per event).
 */
export type Context = RequestContext & { live?: LiveSubscriber };
