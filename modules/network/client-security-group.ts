import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { notWholeNumberIn, throwIfProblems } from "../core/validation";
import { resourceName } from "../core/naming";

/** Props of `ClientSecurityGroup`: the name, description and VPC of the clients' security group. */
export interface ClientSecurityGroupProps {
  /** Name prefix, e.g. `suma-auth-prod-data-clients`. */
  readonly name: string;
  /** Security group description (immutable in EC2: changing it replaces the group). */
  readonly description: string;
  /** VPC the security group is created in. */
  readonly vpcId: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A security group that marks its members as clients of some servers: attach it to the
 * clients, let the servers admit it, and call `allowTo` for each server. It breaks the
 * cycle where servers need the client's group before the client exists.
 */
export class ClientSecurityGroup extends Construct {
  /** The security group resource. */
  readonly securityGroup: SecurityGroup;
  /** Id of the group: give it to the members (e.g. `additionalSecurityGroupIds`) and to the server as an allowed group. */
  readonly securityGroupId: string;
  private readonly provider?: TerraformProvider;

  constructor(scope: Construct, id: string, props: ClientSecurityGroupProps) {
    super(scope, id);
    this.provider = props.provider;
    this.securityGroup = new SecurityGroup(this, "sg", {
      name: resourceName([props.name]),
      description: props.description,
      vpcId: props.vpcId,
      tags: { Name: props.name },
      provider: props.provider,
    });
    this.securityGroupId = this.securityGroup.id;
  }

  /** Lets members open TCP connections to `port` on members of `serverSecurityGroupId`. */
  allowTo(id: string, serverSecurityGroupId: string, port: number, description: string): VpcSecurityGroupEgressRule {
    throwIfProblems(this.node.path, notWholeNumberIn(port, 1, 65535) ? [`port must be 1-65535 (got ${port})`] : []);
    return new VpcSecurityGroupEgressRule(this, `to-${id}`, {
      securityGroupId: this.securityGroup.id,
      referencedSecurityGroupId: serverSecurityGroupId,
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      description,
      provider: this.provider,
    });
  }
}
