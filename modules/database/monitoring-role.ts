import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { awsContext } from "../core/aws-context";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { policyDocument } from "../core/policy";

/** Props of `EnhancedMonitoringRole`: the role's name prefix and the AWS provider. */
export interface EnhancedMonitoringRoleProps {
  /** Prefix of the role's name. */
  readonly name: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** The role RDS Enhanced Monitoring assumes to publish OS metrics to CloudWatch Logs. */
export class EnhancedMonitoringRole extends Construct {
  /** The role RDS Enhanced Monitoring publishes metrics with. */
  readonly role: IamRole;
  /** ARN of the role: the instances' `monitoring_role_arn`. */
  readonly roleArn: string;
  /** Instances must depend on this, or RDS may reject a role that has no permissions yet. */
  readonly attachment: IamRolePolicyAttachment;

  constructor(scope: Construct, id: string, props: EnhancedMonitoringRoleProps) {
    super(scope, id);
    const provider = props.provider;
    const ctx = awsContext(this, provider);
    this.role = new IamRole(this, "role", {
      name: resourceName([props.name, "rds-monitoring"], NAME_LIMITS.iamRole),
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: "monitoring.rds.amazonaws.com" },
          Action: "sts:AssumeRole",
          // Confused-deputy guard, as documented. Amazon RDS User Guide, "Setting up and enabling
          // Enhanced Monitoring" (creating the IAM role manually): the trust policy may use
          // aws:SourceAccount (and aws:SourceArn) because RDS sends them when it assumes the role.
          // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html
          Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
        },
      ]),
      provider,
    });
    this.attachment = new IamRolePolicyAttachment(this, "policy", {
      role: this.role.name,
      policyArn: `arn:${ctx.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
      provider,
    });
    this.roleArn = this.role.arn;
  }
}
