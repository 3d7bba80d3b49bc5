import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { ConfigConfigurationRecorder } from "@cdktf/provider-aws/lib/config-configuration-recorder";
import { ConfigConfigurationRecorderStatus } from "@cdktf/provider-aws/lib/config-configuration-recorder-status";
import { ConfigDeliveryChannel } from "@cdktf/provider-aws/lib/config-delivery-channel";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { AwsContext } from "../core/aws-context";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { policyDocument } from "../core/policy";
import { SecureBucket } from "../s3/secure-bucket";
import { importExisting } from "../core/import-block";
import { literalMismatch } from "../core/literal";
import { throwIfProblems, type WithDefaults } from "../core/validation";

/**
 * An account's existing AWS Config recorder and delivery channel in this region, to import.
 * AWS Config allows one customer managed recorder and one delivery channel per account and
 * region, so creating a second one fails; neither name can be changed in place.
 */
export interface ExistingConfigRecorder {
  /** Name of the existing configuration recorder (`aws configservice describe-configuration-recorders`), often "default". */
  readonly recorderName: string;
  /** Name of the existing delivery channel (`aws configservice describe-delivery-channels`), often "default". */
  readonly deliveryChannelName: string;
}

/** A Config recorder or delivery channel name: 1-256 characters, not blank (AWS Config API). */
const CONFIG_NAME = /^(?=.*\S).{1,256}$/;

/** Props of `ConfigRecorder`: the AWS Config recorder's name, delivery bucket, scope and an existing one to adopt. */
export interface ConfigRecorderProps {
  /** Name prefix (validated by the caller). */
  readonly name: string;
  /** Delivery bucket name (validated by the caller). */
  readonly bucketName: string;
  /** Record IAM and other global resources: true in one region per account only, or they are recorded twice. */
  readonly includeGlobalResourceTypes: boolean;
  /** Partition, account and region the delivery bucket and role policies are written for. */
  readonly ctx: AwsContext;
  /**
   * Sets Terraform `prevent_destroy` on the stateful resources, so a plan that would delete them fails.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * Adopt the region's existing recorder and delivery channel through Terraform import blocks,
   * keeping their names, instead of creating them. The bucket and role are still created here,
   * and the adopted recorder and channel are pointed at them.
   * @default undefined (create both)
   */
  readonly adopt?: ExistingConfigRecorder;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** The problems of ConfigRecorderProps' adoption settings, one message per problem (empty when valid). */
export function configRecorderProblems(props: Pick<ConfigRecorderProps, "adopt">): string[] {
  const problems: string[] = [];
  for (const field of ["recorderName", "deliveryChannelName"] as const) {
    const value = props.adopt?.[field];
    if (value !== undefined && literalMismatch(value, CONFIG_NAME)) {
      problems.push(`adopt.${field}: "${value}" is not an AWS Config name (1-256 characters, not blank)`);
    }
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkConfigRecorderProps(
  where: string,
  props: ConfigRecorderProps,
): WithDefaults<ConfigRecorderProps, "preventDestroy"> {
  throwIfProblems(where, configRecorderProblems(props));
  return { ...props, preventDestroy: props.preventDestroy ?? true };
}

/** The objects AWS Config writes in the delivery bucket. */
function configObjects(bucketArn: string, ctx: AwsContext): string {
  return `${bucketArn}/AWSLogs/${ctx.accountId}/Config/*`;
}

/**
 * The region's AWS Config recorder (one per account and region) recording every supported
 * resource type, delivering to its own bucket through a role scoped to it.
 *
 * The bucket uses SSE-S3: delivery to SSE-KMS would need a key policy for AWS Config.
 * With `adopt`, the existing recorder, delivery channel and recording status are imported.
 */
export class ConfigRecorder extends Construct {
  /** The bucket AWS Config delivers snapshots and history to. */
  readonly bucket: SecureBucket;
  /** The role AWS Config records with (AWS_ConfigRole plus delivery to the bucket). */
  readonly role: IamRole;
  /** The configuration recorder, created or adopted; its name is the region's recorder name. */
  readonly recorder: ConfigConfigurationRecorder;
  /** The delivery channel to the bucket, created or adopted. */
  readonly deliveryChannel: ConfigDeliveryChannel;
  /** The recorder's status (recording on); depend on it to order work after recording starts. */
  readonly status: ConfigConfigurationRecorderStatus;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const { provider, preventDestroy } = checkConfigRecorderProps(this.node.path, props);
    this.bucket = this.createBucket(props, preventDestroy);
    const { role, delivery } = this.createRole(props);
    this.role = role;

    // An adopted recorder and channel keep their names: a new name would replace them.
    const name = resourceName([props.name, "config"]);
    this.recorder = new ConfigConfigurationRecorder(this, "recorder", {
      name: props.adopt?.recorderName ?? name,
      roleArn: this.role.arn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.includeGlobalResourceTypes },
      provider,
    });
    this.deliveryChannel = new ConfigDeliveryChannel(this, "delivery-channel", {
      name: props.adopt?.deliveryChannelName ?? name,
      s3BucketName: this.bucket.bucketName,
      snapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" },
      // Config checks the bucket when the channel is created.
      dependsOn: [this.recorder, this.bucket.policy, delivery],
      provider,
    });
    this.status = new ConfigConfigurationRecorderStatus(this, "status", {
      name: this.recorder.name,
      isEnabled: true,
      dependsOn: [this.deliveryChannel],
      provider,
    });
    if (props.adopt) {
      // Import ids: the recorder's name (recorder and its status) and the channel's name.
      importExisting(this.recorder, props.adopt.recorderName, provider);
      importExisting(this.deliveryChannel, props.adopt.deliveryChannelName, provider);
      importExisting(this.status, props.adopt.recorderName, provider);
    }
  }

  /** The role AWS Config records with: the managed AWS_ConfigRole, and delivery to this bucket only. */
  private createRole({ name, ctx, provider }: ConfigRecorderProps): { role: IamRole; delivery: IamRolePolicy } {
    const configService = `config.${ctx.dnsSuffix}`;
    const fromThisAccount = { "aws:SourceAccount": ctx.accountId };
    // The documented trust policy: AWS Config Developer Guide, "Permissions for the IAM role
    // assigned to AWS Config" (IAM role policy), which scopes config.amazonaws.com with
    // aws:SourceAccount against the confused deputy.
    // https://docs.aws.amazon.com/config/latest/developerguide/iamrole-permissions.html
    const role = new IamRole(this, "role", {
      name: resourceName([name, "config"], NAME_LIMITS.iamRole),
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: configService },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: fromThisAccount },
        },
      ]),
      provider,
    });
    new IamRolePolicyAttachment(this, "managed-policy", {
      role: role.name,
      policyArn: `arn:${ctx.partition}:iam::aws:policy/service-role/AWS_ConfigRole`,
      provider,
    });
    // AWS_ConfigRole reads resources; it grants no write to the delivery bucket.
    const delivery = new IamRolePolicy(this, "delivery", {
      role: role.id,
      name: "deliver-to-config-bucket",
      policy: policyDocument([
        { Effect: "Allow", Action: "s3:GetBucketAcl", Resource: this.bucket.bucketArn },
        {
          Effect: "Allow",
          Action: "s3:PutObject",
          Resource: configObjects(this.bucket.bucketArn, ctx),
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
        },
      ]),
      provider,
    });
    return { role, delivery };
  }

  /** The delivery bucket: SSE-S3, and a policy letting AWS Config of this account check it and write its snapshots. */
  private createBucket({ bucketName, ctx, provider }: ConfigRecorderProps, preventDestroy: boolean): SecureBucket {
    const configService = `config.${ctx.dnsSuffix}`;
    const fromThisAccount = { "aws:SourceAccount": ctx.accountId };
    return new SecureBucket(this, "bucket", {
      bucketName,
      encryption: { kind: "s3-managed" },
      policyStatements: (bucketArn) => [
        {
          Sid: "ConfigChecksBucket",
          Effect: "Allow",
          Principal: { Service: configService },
          Action: ["s3:GetBucketAcl", "s3:ListBucket"],
          Resource: bucketArn,
          Condition: { StringEquals: fromThisAccount },
        },
        {
          Sid: "ConfigWritesThisAccountsSnapshots",
          Effect: "Allow",
          Principal: { Service: configService },
          Action: "s3:PutObject",
          Resource: configObjects(bucketArn, ctx),
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...fromThisAccount } },
        },
      ],
      preventDestroy,
      provider,
    });
  }
}
