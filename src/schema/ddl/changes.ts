/**
 * diff()'s differences indexed by object, so the plan can ask "what happened to this table, and to
 * which of its columns, constraints, triggers".
 */
import type { Difference } from '../difference.js';

export type Change = Difference['change'];

/** Differences indexed by object: top-level changes and, per table or view, changes of its members. */
export class ChangeIndex {
  readonly top = new Map<string, Change>();
  /** Top-level objects with an attribute of their own changed (not only a member). */
  readonly own = new Set<string>();
  private readonly members = new Map<string, Map<string, Change>>();

  constructor(differences: Difference[]) {
    for (const d of differences) {
      const key = `${d.parent.collection}\u0000${d.parent.key}`;
      if (d.name === undefined) {
        this.top.set(key, d.change);
        if (d.change === 'changed') this.own.add(key);
        continue;
      }
      if (!this.top.has(key)) this.top.set(key, 'changed');
      const memberKey = `${key}\u0000${d.kind}`;
      const map = this.members.get(memberKey) ?? new Map<string, Change>();
      // A member with several changed attributes is one change.
      if (!map.has(d.name)) map.set(d.name, d.change);
      this.members.set(memberKey, map);
    }
  }

  change(collection: string, key: string): Change | undefined {
    return this.top.get(`${collection}\u0000${key}`);
  }

  ownChange(collection: string, key: string): boolean {
    return this.own.has(`${collection}\u0000${key}`);
  }

  of(collection: string, key: string, kind: string): Map<string, Change> {
    return this.members.get(`${collection}\u0000${key}\u0000${kind}`) ?? new Map();
  }
}
