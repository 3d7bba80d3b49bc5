import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { ElasticacheUser } from "@cdktf/provider-aws/lib/elasticache-user";
import { ElasticacheUserGroup } from "@cdktf/provider-aws/lib/elasticache-user-group";
import { resourceName } from "../core/naming";
import type { CacheEngine } from "./validate";

/** Everything but administration and commands that can block or wipe the store (FLUSHALL, KEYS, DEBUG ...). */
export const APP_USER_ACCESS_STRING = "on ~* +@all -@admin -@dangerous";
/** A user that is switched off and may run nothing: it cannot sign in at all. */
export const DISABLED_USER_ACCESS_STRING = "off -@all";

/** Props of `CacheIamUsers`: the replication group and engine the IAM-authenticated users and user group are for. */
export interface CacheIamUsersProps {
  /** Replication group ID; user and group IDs are derived from it. */
  readonly name: string;
  /** Cache engine the users are created for. */
  readonly engine: CacheEngine;
  /** The application user's ID, which is also its user name (IAM requires both to match). */
  readonly appUserId: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The RBAC user group of a cache whose only usable user signs in with IAM: no password or
 * AUTH token exists anywhere, so none can leak through Terraform state.
 *
 * The built-in `default` user (full access, no password) is kept out:
 * - Valkey user groups have no default-user requirement, and ElastiCache turns `default`
 *   off on caches that use one. They also accept only users with a sign-in mechanism
 *   (password or IAM), so a password-less placeholder could not join anyway.
 * - Redis OSS user groups must contain a user named `default`. Ours is disabled
 *   (`off -@all`), so it cannot authenticate whatever its mode. It cannot use IAM, because
 *   IAM users need user ID = user name and the ID `default` belongs to the built-in user;
 *   a password is what this module forbids. So it is created with `no_password_required`
 *   and without an `authentication_mode` block: the API reads that mode back as
 *   `no-password`, which would never match a configured `no-password-required` and would
 *   show a change on every plan.
 */
export class CacheIamUsers extends Construct {
  /** The application's IAM-authenticated user. */
  readonly appUser: ElasticacheUser;
  /** Only for Redis OSS, whose user groups require a user named `default`. */
  readonly disabledDefaultUser?: ElasticacheUser;
  /** The user group the replication group uses (the disabled default user and the app user). */
  readonly userGroup: ElasticacheUserGroup;

  constructor(scope: Construct, id: string, props: CacheIamUsersProps) {
    super(scope, id);
    const { engine, provider } = props;
    this.appUser = new ElasticacheUser(this, "app", {
      userId: props.appUserId,
      userName: props.appUserId,
      engine,
      accessString: APP_USER_ACCESS_STRING,
      authenticationMode: { type: "iam" },
      provider,
    });
    this.disabledDefaultUser =
      engine === "redis"
        ? new ElasticacheUser(this, "disabled-default", {
            userId: resourceName([props.name, "default"], 40),
            userName: "default",
            engine,
            accessString: DISABLED_USER_ACCESS_STRING,
            noPasswordRequired: true,
            provider,
          })
        : undefined;
    this.userGroup = new ElasticacheUserGroup(this, "group", {
      userGroupId: resourceName([props.name, "users"], 40),
      engine,
      userIds: [this.appUser.userId, ...(this.disabledDefaultUser ? [this.disabledDefaultUser.userId] : [])],
      provider,
    });
  }
}
