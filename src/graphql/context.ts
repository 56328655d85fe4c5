import type { RequestContext } from '../context';

/** What a resolver gets: the request context (src/context), built per request by the server. */
export type Context = RequestContext;
