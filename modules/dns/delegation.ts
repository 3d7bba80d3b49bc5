import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { isLiteral as literal, literalMismatch } from "../core/literal";
import { DNS_ZONE_NAME, HOSTED_ZONE_ID } from "../core/patterns";
import { throwIfProblems, type WithDefaults } from "../core/validation";

/** Defaults of `ZoneDelegationProps`. */
export const DELEGATION_DEFAULTS = {
  /** An hour: a wrong delegation is corrected within the hour, and resolvers still cache it well. */
  ttlSeconds: 3600,
} as const;

/** Props of `ZoneDelegation`: the parent zone, the child zone's name and name servers, and the NS record's TTL. */
export interface ZoneDelegationProps {
  /** The parent zone that gets the NS record, e.g. the zone of `auth.example.com`. */
  readonly parentZoneId: string;
  /** The parent zone's name, e.g. `auth.example.com`; checked to contain `zoneName`. */
  readonly parentZoneName: string;
  /** The delegated (child) zone's name, e.g. `nonprod.auth.example.com`. */
  readonly zoneName: string;
  /**
   * The child zone's name servers, e.g. `PublicZone.nameServers` of another account's stack (a
   * cdktf cross-stack reference, which also orders this stack after the child's).
   */
  readonly nameServers: string[];
  /**
   * TTL of the NS record.
   * @default 3600
   */
  readonly ttlSeconds?: number;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem with the props, as `<prop>: <reason>` lines; skips unresolved tokens. */
export function zoneDelegationProblems(props: ZoneDelegationProps): string[] {
  const problems: string[] = [];
  if (literalMismatch(props.parentZoneId, HOSTED_ZONE_ID))
    problems.push(`parentZoneId: "${props.parentZoneId}" is not a hosted zone id such as "Z0123456789ABCDEFGHIJ"`);
  for (const [prop, name] of [
    ["parentZoneName", props.parentZoneName],
    ["zoneName", props.zoneName],
  ] as const) {
    if (literalMismatch(name, DNS_ZONE_NAME)) problems.push(`${prop}: "${name}" is not a lower-case DNS name`);
  }
  if (
    literal(props.zoneName) &&
    literal(props.parentZoneName) &&
    !props.zoneName.endsWith(`.${props.parentZoneName}`)
  ) {
    problems.push(
      `zoneName: "${props.zoneName}" is not inside "${props.parentZoneName}"; only a subdomain can be delegated from a zone`,
    );
  }
  const ttl = props.ttlSeconds ?? DELEGATION_DEFAULTS.ttlSeconds;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > 2147483647)
    problems.push(`ttlSeconds: must be a whole number of seconds from 0 (got ${ttl})`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkZoneDelegationProps(
  where: string,
  props: ZoneDelegationProps,
): WithDefaults<ZoneDelegationProps, "ttlSeconds"> {
  throwIfProblems(where, zoneDelegationProblems(props));
  return { ...props, ttlSeconds: props.ttlSeconds ?? DELEGATION_DEFAULTS.ttlSeconds };
}

/**
 * Delegates a subdomain to its own hosted zone: an NS record, named after the child zone, in the
 * parent zone, listing the child zone's name servers. Without it resolvers never reach the child
 * zone, so nothing in it answers and ACM never sees its validation records.
 *
 * @example
 * ```ts
 * new ZoneDelegation(this, "delegate-nonprod", {
 *   parentZoneId: zone.zoneId,
 *   parentZoneName: "auth.example.com",
 *   zoneName: "nonprod.auth.example.com",
 *   nameServers: nonprodZone.nameServers,
 * });
 * ```
 */
export class ZoneDelegation extends Construct {
  /** The NS record in the parent zone. */
  readonly record: Route53Record;

  constructor(scope: Construct, id: string, props: ZoneDelegationProps) {
    super(scope, id);
    const { ttlSeconds } = checkZoneDelegationProps(this.node.path, props);
    this.record = new Route53Record(this, "ns", {
      zoneId: props.parentZoneId,
      name: props.zoneName,
      type: "NS",
      ttl: ttlSeconds,
      records: props.nameServers,
      provider: props.provider,
    });
  }
}
