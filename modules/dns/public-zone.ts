import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { DNS_ZONE_NAME } from "../core/patterns";
import { throwIfProblems, type WithDefaults } from "../core/validation";

/** Props of `PublicZone`: the zone's name and its destroy protection. */
export interface PublicZoneProps {
  /**
   * Zone name, e.g. `auth.example.com`. Resolvers reach it only once its parent delegates it: a
   * `ZoneDelegation` in a parent zone managed here, or NS records at the registrar from `nameServers`.
   */
  readonly zoneName: string;
  /**
   * Sets Terraform `prevent_destroy` on the stateful resources, so a plan that would delete them fails.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, one `<prop> <reason>` each; empty when they are valid. */
export function publicZoneProblems(props: PublicZoneProps): string[] {
  return DNS_ZONE_NAME.test(props.zoneName) ? [] : [`zoneName "${props.zoneName}" is not a lower-case DNS name`];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkPublicZoneProps(
  where: string,
  props: PublicZoneProps,
): WithDefaults<PublicZoneProps, "preventDestroy"> {
  throwIfProblems(where, publicZoneProblems(props));
  return { ...props, preventDestroy: props.preventDestroy ?? true };
}

/**
 * A public Route 53 hosted zone. Never force-destroyed: deleting it breaks every name in it.
 *
 * @example
 * ```ts
 * new PublicZone(this, "zone", { zoneName: "auth.example.com" });
 * ```
 */
export class PublicZone extends Construct {
  /** The hosted zone resource. */
  readonly zone: Route53Zone;
  /** Id of the hosted zone, for records, certificates and delegations. */
  readonly zoneId: string;
  /** Name of the zone, as given. */
  readonly zoneName: string;
  /** The zone's name servers, for the parent's delegation (`ZoneDelegation`) or the registrar. */
  readonly nameServers: string[];

  constructor(scope: Construct, id: string, props: PublicZoneProps) {
    super(scope, id);
    const { preventDestroy } = checkPublicZoneProps(this.node.path, props);
    this.zone = new Route53Zone(this, "zone", {
      name: props.zoneName,
      forceDestroy: false,
      comment: "Managed by cdktf",
      provider: props.provider,
      lifecycle: { preventDestroy },
    });
    this.zoneId = this.zone.zoneId;
    this.zoneName = props.zoneName;
    this.nameServers = this.zone.nameServers;
  }
}
