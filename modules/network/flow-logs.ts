import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { awsContext, type AwsContext } from "../core/aws-context";
import { cloudWatchRetentionProblem, PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { policyDocument } from "../core/policy";
import { throwIfProblems, type WithDefaults } from "../core/validation";

/** Props of `VpcFlowLogs`: the VPC whose traffic is logged, and the log group's KMS key and retention. */
export interface VpcFlowLogsProps {
  /** Name prefix, e.g. `suma-auth-prod`. */
  readonly name: string;
  /** ID of the VPC whose traffic is logged. */
  readonly vpcId: string;
  /** ARN of a KMS key whose policy lets CloudWatch Logs in this region use it. */
  readonly kmsKeyArn: string;
  /**
   * Days to keep flow logs; a CloudWatch Logs retention value.
   * @default 400 (PCI DSS 10.5.1: 12 months)
   */
  readonly retentionInDays?: number;
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

/** Every problem of the props, each naming the prop; empty when they are valid. */
export function vpcFlowLogsProblems(props: Pick<VpcFlowLogsProps, "retentionInDays">): string[] {
  const retention = cloudWatchRetentionProblem("retentionInDays", props.retentionInDays ?? PCI_LOG_RETENTION_DAYS);
  return retention ? [retention] : [];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkVpcFlowLogsProps(
  where: string,
  props: VpcFlowLogsProps,
): WithDefaults<VpcFlowLogsProps, "retentionInDays" | "preventDestroy"> {
  throwIfProblems(where, vpcFlowLogsProblems(props));
  return {
    ...props,
    retentionInDays: props.retentionInDays ?? PCI_LOG_RETENTION_DAYS,
    preventDestroy: props.preventDestroy ?? true,
  };
}

/** Flow logs of ALL traffic to a KMS-encrypted log group, delivered by a role scoped to that group. */
export class VpcFlowLogs extends Construct {
  /** The log group the flow logs are delivered to. */
  readonly logGroup: CloudwatchLogGroup;
  /** The flow log resource. */
  readonly flowLog: FlowLog;
  /** The role VPC flow logs deliver with. */
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    const checked = checkVpcFlowLogsProps(this.node.path, props);
    const ctx = awsContext(this, props.provider);
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/vpc/flow-logs/${props.name}`,
      kmsKeyId: props.kmsKeyArn,
      retentionInDays: checked.retentionInDays,
      provider: props.provider,
      lifecycle: { preventDestroy: checked.preventDestroy },
    });
    this.role = this.createDeliveryRole(checked, ctx);
    this.flowLog = new FlowLog(this, "flow-log", {
      vpcId: props.vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: 60,
      provider: props.provider,
    });
  }

  /** The role VPC flow logs assume to deliver to the log group, and its policy. */
  private createDeliveryRole(props: VpcFlowLogsProps, ctx: AwsContext): IamRole {
    const provider = props.provider;
    const role = new IamRole(this, "role", {
      name: resourceName([props.name, "vpc-flow-logs"], NAME_LIMITS.iamRole),
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: `vpc-flow-logs.${ctx.dnsSuffix}` },
          Action: "sts:AssumeRole",
          // The documented trust policy, conditions included. Amazon VPC User Guide, "IAM role for
          // publishing flow logs to CloudWatch Logs": vpc-flow-logs sends aws:SourceAccount and the
          // flow log's ARN as aws:SourceArn, so both scope the role against the confused deputy.
          // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
          Condition: {
            StringEquals: { "aws:SourceAccount": ctx.accountId },
            ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:vpc-flow-log/*` },
          },
        },
      ]),
      provider,
    });
    new IamRolePolicy(this, "delivery", {
      role: role.id,
      name: "deliver-to-log-group",
      policy: policyDocument([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
        {
          // Amazon VPC User Guide, "IAM role for publishing flow logs to CloudWatch Logs" lists
          // logs:DescribeLogGroups among the permissions the role needs. The action can't be scoped
          // to a log group (it lists groups), so it gets its own statement on "*".
          // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
          Effect: "Allow",
          Action: ["logs:DescribeLogGroups"],
          Resource: ["*"],
        },
      ]),
      provider,
    });
    return role;
  }
}
