// src/security/privileges.ts
//! The privilege checker: given who is asking (a user, the groups they are in, the roles granted
//! to them, directly or through other roles), an object, its owner and its ACL, may they use a
//! privilege? Pure: the catalog rows come in as data. Superusers and owners may do anything with
//! an object; PUBLIC grants reach everyone; the schema `public` grants USAGE and CREATE to PUBLIC,
//! as in Redshift. https://docs.aws.amazon.com/redshift/latest/dg/r_Privileges.html

import type { AclEntry, AclObjectKind, ClusterAcl, GranteeKind } from "../catalog/store/grants.js";

export { SYSTEM_ROLES } from "../catalog/store/grants.js";

/** The privileges ALL stands for, and the ones GRANT accepts, per object kind. */
export const OBJECT_PRIVILEGES: Readonly<Record<AclObjectKind, readonly string[]>> = {
  table: ["select", "insert", "update", "delete", "references", "alter", "truncate", "drop"],
  schema: ["create", "usage", "alter", "drop"],
  database: ["create", "temp", "usage", "alter"],
  function: ["execute"],
  procedure: ["execute"],
  language: ["usage"],
};

/** Privileges a column list may carry (Redshift: SELECT and UPDATE; ALL means both). */
export const COLUMN_PRIVILEGES: readonly string[] = ["select", "update"];

/** Who is asking. */
export interface Principal {
  readonly name: string;
  readonly superuser: boolean;
  /** May create, alter and drop users (CREATEUSER, superuser, sys:dba, sys:secadmin). */
  readonly userAdmin: boolean;
  readonly groups: readonly string[];
  /** Every role granted, directly or through roles. */
  readonly roles: readonly string[];
}

/** A user's principal: their groups and the closure of their roles. */
export function principalOf(
  user: { readonly name: string; readonly superuser: boolean },
  access: ClusterAcl,
): Principal {
  const groups = [...access.groups.values()].filter((g) => g.members.includes(user.name)).map((g) => g.name);
  const roles = new Set<string>();
  const stack: { kind: "user" | "role"; name: string }[] = [{ kind: "user", name: user.name }];
  while (stack.length > 0) {
    const m = stack.pop() as { kind: "user" | "role"; name: string };
    for (const r of access.roles.values()) {
      if (roles.has(r.name)) continue;
      if (r.members.some((x) => x.kind === m.kind && x.name === m.name)) {
        roles.add(r.name);
        stack.push({ kind: "role", name: r.name });
      }
    }
  }
  const superuser = user.superuser || roles.has("sys:superuser");
  return {
    name: user.name,
    superuser,
    userAdmin: superuser || roles.has("sys:dba") || roles.has("sys:secadmin"),
    groups,
    roles: [...roles],
  };
}

/** Does an ACL entry's grantee include the principal? */
export function reaches(p: Principal, kind: GranteeKind, grantee: string): boolean {
  switch (kind) {
    case "public":
      return true;
    case "user":
      return grantee === p.name;
    case "group":
      return p.groups.includes(grantee);
    case "role":
      return p.roles.includes(grantee);
  }
}

/** The object a check is about: its kind, oid (relations, schemas) or name, and owner. */
export interface ObjectRef {
  readonly kind: AclObjectKind;
  readonly oid: number;
  readonly name: string;
  readonly owner?: string;
}

function entriesFor(acl: readonly AclEntry[], o: ObjectRef): AclEntry[] {
  return acl.filter(
    (e) => e.objkind === o.kind && (o.oid !== 0 ? e.objoid === o.oid : e.objoid === 0 && e.objname === o.name),
  );
}

/**
 * May `p` use `privilege` on the whole object (not only some columns)? `grantOption`: may they
 * also grant it (owners and superusers may).
 */
export function hasPrivilege(
  p: Principal,
  o: ObjectRef,
  acl: readonly AclEntry[],
  privilege: string,
  options: { readonly grantOption?: boolean } = {},
): boolean {
  if (p.superuser || (o.owner !== undefined && o.owner === p.name)) return true;
  if (
    o.kind === "schema" &&
    o.name === "public" &&
    (privilege === "usage" || privilege === "create") &&
    !options.grantOption
  ) {
    return true;
  }
  return entriesFor(acl, o).some(
    (e) =>
      e.privilege === privilege &&
      e.column === undefined &&
      (!options.grantOption || e.grantable) &&
      reaches(p, e.granteeKind, e.grantee),
  );
}

/**
 * The columns of a relation `p` may use `privilege` on: 'all' when the whole relation is
 * granted, else the granted columns (possibly none).
 */
export function columnPrivileges(
  p: Principal,
  o: ObjectRef,
  acl: readonly AclEntry[],
  privilege: string,
  options: { readonly grantOption?: boolean } = {},
): "all" | ReadonlySet<string> {
  if (hasPrivilege(p, o, acl, privilege, options)) return "all";
  const cols = new Set<string>();
  for (const e of entriesFor(acl, o)) {
    if (
      e.privilege === privilege &&
      e.column !== undefined &&
      (!options.grantOption || e.grantable) &&
      reaches(p, e.granteeKind, e.grantee)
    ) {
      cols.add(e.column);
    }
  }
  return cols;
}
