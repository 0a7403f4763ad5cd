// The flat org unit list (each with parentId) turned into a tree. A unit whose parent is not in the
// list is a root: the list is the caller's subtree, whose top has a parent the caller cannot see.
import type { OrgUnitView } from '@qinqing/shared';

export interface OrgUnitNode extends OrgUnitView {
  /** Absent on leaves, so tables and trees show no expand button there. */
  children?: OrgUnitNode[];
}

export function buildOrgTree(units: readonly OrgUnitView[]): OrgUnitNode[] {
  const nodes = new Map<string, OrgUnitNode>();
  for (const unit of units) nodes.set(unit.id, { ...unit });
  const roots: OrgUnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id);
    if (!node) continue;
    const parent = unit.parentId ? nodes.get(unit.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** Ids of the units that have children: what "expand all" opens. */
export function branchIds(units: readonly OrgUnitView[]): string[] {
  const parents = new Set(units.map((unit) => unit.parentId).filter((id): id is string => id !== null));
  return units.filter((unit) => parents.has(unit.id)).map((unit) => unit.id);
}
