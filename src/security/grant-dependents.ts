// src/security/grant-dependents.ts
//! What a REVOKE takes with it. A user who loses a privilege WITH GRANT OPTION (REVOKE, or REVOKE
//! GRANT OPTION FOR) may have passed the privilege on: those grants depend on the option and go
//! too with CASCADE, recursively; without CASCADE (RESTRICT, the default) the REVOKE fails with
//! 2BP01, as in Postgres and Redshift. A grant stops depending on the option when its grantor
//! still holds the option another way (owner, superuser, another grant).
//! https://docs.aws.amazon.com/redshift/latest/dg/r_REVOKE.html

import { LakeshiftError, SqlState } from "../common/errors.js";
import type { AclEntry } from "../catalog/store/grants.js";
import { hasPrivilege, type ObjectRef, type Principal } from "./privileges.js";

type Key = Pick<AclEntry, "objkind" | "objoid" | "objname" | "privilege" | "column">;

const sameObject = (a: Key, b: Key) =>
  a.objkind === b.objkind && a.objoid === b.objoid && a.objname === b.objname && a.privilege === b.privilege;

const sameEntry = (a: AclEntry, b: Omit<AclEntry, "grantable" | "grantor">) =>
  sameObject(a, b) &&
  a.granteeKind === b.granteeKind &&
  a.grantee === b.grantee &&
  (b.column === undefined || a.column === b.column);

/**
 * The ACL after revoking `revoked` (the option only, when `grantOptionOnly`), and the dependent
 * grants that must go with it. Throws 2BP01 when there are dependents and `cascade` is false.
 */
export function revokeWithDependents(
  acl: readonly AclEntry[],
  revoked: readonly Omit<AclEntry, "grantable" | "grantor">[],
  options: {
    readonly grantOptionOnly: boolean;
    readonly cascade: boolean;
    readonly principal: (user: string) => Principal | undefined;
    readonly owner: (e: Key) => string | undefined;
  },
): { readonly dependents: readonly AclEntry[] } {
  let current: AclEntry[] = acl.flatMap((e) => {
    if (!revoked.some((r) => sameEntry(e, r))) return [e];
    return options.grantOptionOnly ? [{ ...e, grantable: false }] : [];
  });
  // Users whose grant option went, with the privileges it covered.
  let losing = revoked.filter((r) => r.granteeKind === "user");
  const dependents: AclEntry[] = [];
  while (losing.length > 0) {
    const next: AclEntry[] = [];
    for (const r of losing) {
      const grantor = options.principal(r.grantee);
      const ref: ObjectRef = { kind: r.objkind, oid: r.objoid, name: r.objname, owner: options.owner(r) };
      if (grantor && hasPrivilege(grantor, ref, current, r.privilege, { grantOption: true })) continue;
      for (const e of current) {
        if (e.grantor === r.grantee && sameObject(e, r) && (r.column === undefined || e.column === r.column))
          next.push(e);
      }
    }
    if (next.length === 0) break;
    if (!options.cascade) {
      throw new LakeshiftError(SqlState.DependentObjectsStillExist, "dependent privileges exist", {
        hint: "Use CASCADE to revoke them too.",
      });
    }
    current = current.filter((e) => !next.includes(e));
    dependents.push(...next);
    losing = next.filter((e) => e.granteeKind === "user");
  }
  return { dependents };
}
