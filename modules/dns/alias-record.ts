import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

/** Props of `LoadBalancerAlias`: the zone and record name, and the load balancer the alias record points at. */
export interface LoadBalancerAliasProps {
  /** The hosted zone that holds the record. */
  readonly zoneId: string;
  /** Full record name, e.g. `prod.auth.example.com`. */
  readonly recordName: string;
  /** DNS name of the load balancer the record aliases. */
  readonly loadBalancerDnsName: string;
  /** Canonical hosted zone ID of that load balancer. */
  readonly loadBalancerZoneId: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** An A alias record to a load balancer, failing over only if the target is unhealthy. */
export class LoadBalancerAlias extends Construct {
  /** The A alias record resource. */
  readonly record: Route53Record;
  /** The record's fully qualified name, e.g. for the service's hostname output. */
  readonly fqdn: string;

  constructor(scope: Construct, id: string, props: LoadBalancerAliasProps) {
    super(scope, id);
    this.record = new Route53Record(this, "record", {
      zoneId: props.zoneId,
      name: props.recordName,
      type: "A",
      alias: { name: props.loadBalancerDnsName, zoneId: props.loadBalancerZoneId, evaluateTargetHealth: true },
      provider: props.provider,
    });
    this.fqdn = this.record.fqdn;
  }
}
