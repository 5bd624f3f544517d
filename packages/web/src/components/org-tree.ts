import type { Org } from "../api/types";

export interface OrgNode {
  title: string;
  value: string;
  key: string;
  kind: string;
  children: OrgNode[];
}

/** Visible orgs as a forest: roots are the orgs whose parent the user cannot see. */
export function orgTree(orgs: readonly Org[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>(
    orgs.map((o) => [o.id, { title: o.name, value: o.id, key: o.id, kind: o.kind, children: [] }]),
  );
  const roots: OrgNode[] = [];
  for (const o of orgs) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
