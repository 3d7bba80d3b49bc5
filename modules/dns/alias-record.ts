import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface LoadBalancerAliasProps {
  readonly zoneId: string;
  /** Full record name, e.g. `prod.auth.example.com`. */
  readonly recordName: string;
  readonly loadBalancerDnsName: string;
  readonly loadBalancerZoneId: string;
  /** @default the stack's default AWS provider */
  readonly provider?: TerraformProvider;
}

/** An A alias record to a load balancer, failing over only if the target is unhealthy. */
export class LoadBalancerAlias extends Construct {
  readonly record: Route53Record;
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
