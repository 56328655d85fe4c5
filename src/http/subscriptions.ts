import type { Server } from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DataSource } from 'typeorm';
import { createRequestContext } from '../context';
import type { Context } from '../graphql/context';
import type { Logger } from '../logger';
import { authenticate, type User } from '../services/auth';
import type { EventFeed } from '../services/event-feed';
import { estimateCost, limitRules, type OperationLimits } from './limits';
import { createFormatError } from './masking';

/** At most this many subscriptions on one connection. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
/** How often a connection's token is checked again (it is also checked for every event). */
export const DEFAULT_AUTH_RECHECK_MS = 30_000;

export interface SubscriptionOptions {
  server: Server;
  path: string;
  schema: GraphQLSchema;
  db: DataSource;
  feed: EventFeed;
  limits: OperationLimits;
  production: boolean;
  log: Logger;
  authRecheckMs?: number;
}

export interface SubscriptionServer {
  /** Closes every connection (1001 going away) and stops accepting new ones. */
  close(): Promise<void>;
}

/** What one connection keeps: its Authorization value from connection_init, and its token re-check. */
interface Connection {
  authorization?: string;
  user?: User | null;
  recheck?: NodeJS.Timeout;
}

/** `{ authorization: "Bearer …" }` (or `Authorization`) of connection_init; anything else but absent is invalid. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined | null {
  const value = params?.authorization ?? params?.Authorization;
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : null;
}

function refused(message: string, code: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/**
 * GraphQL subscriptions over graphql-ws (subprotocol graphql-transport-ws) on the HTTP server's own port and
 * path. The token is checked at connection_init (an invalid one closes with 4403 Forbidden), periodically, and
 * for each event: a revoked token's connection is closed with 4403. Every subscription document is held to the
 * operation limits (tokens, depth, aliases, directives, cost); queries and mutations go over HTTP.
 */
export function attachSubscriptions(options: SubscriptionOptions): SubscriptionServer {
  const { db, schema, limits, feed, log } = options;
  const formatError = createFormatError(options.production);
  const recheckMs = options.authRecheckMs ?? DEFAULT_AUTH_RECHECK_MS;
  const wss = new WebSocketServer({ server: options.server, path: options.path, maxPayload: limits.bodyBytes });
  const rules = [...specifiedRules, ...limitRules(limits)];

  const forbid = (socket: WebSocket) => {
    if (socket.readyState === socket.OPEN) socket.close(4403, 'Forbidden');
  };
  /** The connection's token, checked again; false (and the connection closed) once it is revoked. */
  const recheck = async (connection: Connection, socket: WebSocket): Promise<User | null | false> => {
    if (!connection.authorization) return null;
    const { user } = await authenticate(db, connection.authorization);
    if (user) return user;
    clearInterval(connection.recheck);
    forbid(socket);
    return false;
  };

  const disposable = useServer<Record<string, unknown>, { connection: Connection }>(
    {
      schema,
      connectionInitWaitTimeout: 10_000,
      async onConnect(ctx) {
        const authorization = authorizationOf(ctx.connectionParams);
        if (authorization === null) return false;
        const auth = await authenticate(db, authorization);
        if (auth.invalidToken) return false;
        const connection: Connection = { authorization, user: auth.user };
        ctx.extra.connection = connection;
        if (auth.user) {
          connection.recheck = setInterval(() => {
            recheck(connection, ctx.extra.socket).catch((error: unknown) =>
              log.warn({ error: error instanceof Error ? error.message : String(error) }, 'token re-check failed'),
            );
          }, recheckMs);
          connection.recheck.unref();
        }
        return true;
      },
      onClose(ctx) {
        clearInterval(ctx.extra.connection?.recheck);
      },
      onSubscribe(ctx, _id, payload) {
        const connection = ctx.extra.connection ?? {};
        // graphql-ws has already registered this one's id.
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [
            refused(
              `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection: complete one first.`,
              'RATE_LIMITED',
            ),
          ];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: limits.tokens });
        } catch (error) {
          return [
            error instanceof GraphQLError ? error : refused('The document does not parse.', 'GRAPHQL_PARSE_FAILED'),
          ];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription') {
          return [
            refused(
              'Only subscriptions are served over WebSocket: send queries and mutations over HTTP.',
              'BAD_REQUEST',
            ),
          ];
        }
        const variables = payload.variables ?? undefined;
        const cost = estimateCost(schema, document, variables, payload.operationName ?? undefined);
        if (cost !== null && cost > limits.cost) {
          return [
            refused(`Subscription cost ${cost} is over the limit of ${limits.cost}.`, 'GRAPHQL_VALIDATION_FAILED', {
              limit: 'cost',
            }),
          ];
        }
        const socket = ctx.extra.socket;
        const contextValue: Context = {
          ...createRequestContext({ db, user: connection.user ?? null }),
          live: {
            feed,
            async refresh() {
              const user = await recheck(connection, socket);
              return user === false ? null : createRequestContext({ db, user });
            },
          },
        };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: variables,
          contextValue,
        };
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors) return;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map((e) => formatError(e.toJSON(), e));
      },
    },
    wss,
  );

  return {
    async close() {
      for (const client of wss.clients) client.close(1001, 'The server is shutting down.');
      await disposable.dispose();
    },
  };
}
