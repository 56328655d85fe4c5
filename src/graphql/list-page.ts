import { Max, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import type { Node } from '../entities';
import { MAX_PAGE_SIZE } from './connection';
import { badInput } from './errors';

/** Paging of a nested list: all items by default, or `first` of them after the item `after`. */
@ArgsType()
export class ListPageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `At most this many items (0 to ${MAX_PAGE_SIZE}); all of them when omitted.`,
  })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only the items after the item with this ID (the last one you have).',
  })
  after?: string | null;
}

/** Slices an already loaded list (one statement per level either way), in its own order. */
export function slicePage<T extends Node>(items: T[], page: ListPageArgs): T[] {
  let start = 0;
  if (page.after != null) {
    const at = items.findIndex((item) => item.globalId === page.after);
    if (at < 0)
      throw badInput(`"${page.after}" is not an item of this list: pass the ID of an item it returned as \`after\`.`);
    start = at + 1;
  }
  return page.first == null ? items.slice(start) : items.slice(start, start + page.first);
}
