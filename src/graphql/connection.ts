import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';

import {
  MAX_PAGE_SIZE,
  DEFAULT_PAGE_SIZE,
  type ConnectionResult,
  type Edge,
  type PageInfoResult,
} from '../services/paging';

export { MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, type ConnectionResult };

@ObjectType({ description: 'Where a page of a connection sits in the whole list.' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page (pass endCursor as `after`).' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; null on an empty page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return (0 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}). Larger pages are refused, not truncated.`,
  })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items after this cursor (an endCursor or edge cursor).',
  })
  after?: string | null;
}

@ArgsType()
export class RootPageArgs extends PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return from the end (0 to ${MAX_PAGE_SIZE}); with \`before\`, pages backwards. Not with \`first\`.`,
  })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Return the items before this cursor (a startCursor or edge cursor).',
  })
  before?: string | null;
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function connectionType<T extends object>(node: ClassType<T>, plural: string) {
  const name = node.name;

  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${plural}, in a stable order, with the total count.` })
  class ConnectionType implements ConnectionResult<T> {
    @Field(() => [EdgeType], { description: 'The items of the page with their cursors.' })
    edges!: Edge<T>[];

    @Field(() => [node], { description: 'The items of the page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfoResult;

    @Field(() => Int, { description: `How many ${plural} match the filter, across all pages.` })
    totalCount!: number | Promise<number>;
  }

  return ConnectionType;
}
