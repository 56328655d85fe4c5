import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the current field's selection reaches the field path `path` (names, not aliases), through fragments and
 * inline fragments — e.g. a connection's `['nodes', 'indicator']`. Directives are ignored (an @skip'd field counts
 * as selected: at worst a service reads rows nobody shows).
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  for (const [depth, name] of path.entries()) {
    const next: SelectionSetNode[] = [];
    let found = false;
    const visit = (set: SelectionSetNode): void => {
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (s.name.value !== name) continue;
          found = true;
          if (s.selectionSet) next.push(s.selectionSet);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          visit(s.selectionSet);
        } else {
          const fragment = info.fragments[s.name.value];
          if (fragment) visit(fragment.selectionSet);
        }
      }
    };
    sets.forEach(visit);
    if (!found) return false;
    if (depth === path.length - 1) return true;
    sets = next;
  }
  return true;
}

/** Whether a connection's nodes (`nodes { … }` or `edges { node { … } }`) select the field `name`. */
export function nodesSelect(info: GraphQLResolveInfo, name: string): boolean {
  return selects(info, ['nodes', name]) || selects(info, ['edges', 'node', name]);
}
