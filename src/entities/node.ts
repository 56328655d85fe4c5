import { toGlobalId } from 'graphql-relay';
import { Field, ID, InterfaceType } from 'type-graphql';

/** GraphQL type names of every Node; a global ID is toGlobalId(type, database id). */
export const nodeTypes = ['Plan', 'Policy', 'Measure', 'Project', 'Indicator', 'Target', 'Footnote', 'Actual'] as const;
export type NodeType = (typeof nodeTypes)[number];

@InterfaceType({
  description: 'An object with a global ID. `node(id:)` fetches any of them.',
  resolveType: (value: Node) => value.nodeType,
})
export abstract class Node {
  /** Database key; never exposed: clients see the global ID. */
  id!: number;

  abstract get nodeType(): NodeType;

  @Field(() => ID, { name: 'id', description: 'Global ID, stable across requests; pass it to `node(id:)`.' })
  get globalId(): string {
    return toGlobalId(this.nodeType, String(this.id));
  }
}
