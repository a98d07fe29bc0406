// The organisation tree built from the server's flat list (each row names its parent_id).
import type { Language, Organisation, OrganisationKind } from '../../shell/api';
import { displayName } from '../../shell/format';

export interface OrgNode extends Organisation {
  children: OrgNode[];
  depth: number;
}

export const ORGANISATION_KINDS: OrganisationKind[] = ['university', 'faculty', 'department', 'hospital', 'company', 'division', 'other'];

const kindRank = (kind: string) => {
  const rank = ORGANISATION_KINDS.indexOf(kind as OrganisationKind);
  return rank < 0 ? ORGANISATION_KINDS.length : rank;
};

function compareSiblings(a: Organisation, b: Organisation) {
  return kindRank(a.kind) - kindRank(b.kind) || a.name_ja.localeCompare(b.name_ja, 'ja') || a.id.localeCompare(b.id);
}

/**
 * Roots are organisations without a parent, or whose parent is not in the list. Every
 * organisation appears exactly once, even if the data holds a cycle (it is cut where it closes).
 */
export function buildOrgTree(flat: readonly Organisation[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const org of flat) nodes.set(org.id, { ...org, children: [], depth: 0 });

  const childrenOf = new Map<string, OrgNode[]>();
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.parent_id;
    if (parentId && parentId !== node.id && nodes.has(parentId)) {
      const list = childrenOf.get(parentId) ?? [];
      list.push(node);
      childrenOf.set(parentId, list);
    } else {
      roots.push(node);
    }
  }

  const placed = new Set<string>();
  const attach = (node: OrgNode, depth: number) => {
    placed.add(node.id);
    node.depth = depth;
    const children = (childrenOf.get(node.id) ?? []).filter((child) => !placed.has(child.id)).sort(compareSiblings);
    for (const child of children) placed.add(child.id);
    node.children = children;
    for (const child of children) attach(child, depth + 1);
  };
  roots.sort(compareSiblings);
  for (const root of roots) attach(root, 0);

  // Whatever is left sits on a cycle: show it at the top level rather than lose it.
  const orphans = [...nodes.values()].filter((node) => !placed.has(node.id)).sort(compareSiblings);
  for (const orphan of orphans) {
    if (placed.has(orphan.id)) continue;
    roots.push(orphan);
    attach(orphan, 0);
  }
  return roots;
}

/** From the top of the tree down to the organisation itself; empty when it is unknown. */
export function organisationPath(flat: readonly Organisation[], id: string): Organisation[] {
  const byId = new Map(flat.map((org) => [org.id, org]));
  const path: Organisation[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.unshift(current);
    current = current.parent_id ? byId.get(current.parent_id) : undefined;
  }
  return path;
}

/** The organisation and everything below it: none of these can become its parent. */
export function subtreeIds(flat: readonly Organisation[], id: string): Set<string> {
  const result = new Set<string>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const org of flat) {
      if (org.parent_id && result.has(org.parent_id) && !result.has(org.id)) {
        result.add(org.id);
        grew = true;
      }
    }
  }
  return result;
}

export interface OrgTreeSelectNode {
  value: string;
  title: string;
  disabled?: boolean;
  children?: OrgTreeSelectNode[];
}

/**
 * Data for an Ant Design TreeSelect. Inactive organisations are left out unless asked for;
 * shown but not selectable with disableInactive (a person may still belong to one).
 */
export function toTreeSelectData(
  roots: readonly OrgNode[],
  language: Language,
  options: { disabledIds?: Set<string>; includeInactive?: boolean; disableInactive?: boolean; inactiveSuffix?: string } = {},
): OrgTreeSelectNode[] {
  const convert = (node: OrgNode): OrgTreeSelectNode | null => {
    if (!node.active && !options.includeInactive) return null;
    const children = node.children.map(convert).filter((child): child is OrgTreeSelectNode => child !== null);
    const name = displayName(node, language);
    return {
      value: node.id,
      title: !node.active && options.inactiveSuffix ? `${name} ${options.inactiveSuffix}` : name,
      disabled: options.disabledIds?.has(node.id) || (!node.active && options.disableInactive) || undefined,
      children: children.length ? children : undefined,
    };
  };
  return roots.map(convert).filter((node): node is OrgTreeSelectNode => node !== null);
}
