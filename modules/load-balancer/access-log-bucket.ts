import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import type { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { awsContext } from "../core/aws-context";
import { PCI_LOG_RETENTION_DAYS } from "../core/log-retention";
import type { PolicyStatement } from "../core/policy";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { SecureBucket } from "../s3/secure-bucket";

/** Service principal that delivers access logs in regions launched from August 2022 on. */
export const ELB_LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

/** Props of `AlbAccessLogBucket`: the bucket the load balancer writes access logs to, and the key prefix. */
export interface AlbAccessLogBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Key prefix the load balancer writes under (`access_logs.prefix`), without slashes at either end. */
  readonly prefix: string;
  /**
   * Days after which log objects expire.
   * @default 400 (PCI DSS 10.5.1: 12 months)
   */
  readonly retentionDays?: number;
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
export function albAccessLogBucketProblems(props: AlbAccessLogBucketProps): string[] {
  const problems: string[] = [];
  const retention = props.retentionDays ?? PCI_LOG_RETENTION_DAYS;
  if (!Number.isInteger(retention) || retention < 1)
    problems.push(`retentionDays must be a whole number of days above 0 (got ${retention})`);
  const p = props.prefix;
  if (p.length === 0 || p.startsWith("/") || p.endsWith("/") || p.includes("AWSLogs")) {
    problems.push(`prefix "${props.prefix}" must be non-empty, not start or end with "/" and not contain "AWSLogs"`);
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkAlbAccessLogBucketProps(
  where: string,
  props: AlbAccessLogBucketProps,
): WithDefaults<AlbAccessLogBucketProps, "retentionDays" | "preventDestroy"> {
  throwIfProblems(where, albAccessLogBucketProblems(props));
  return {
    ...props,
    retentionDays: props.retentionDays ?? PCI_LOG_RETENTION_DAYS,
    preventDestroy: props.preventDestroy ?? true,
  };
}

/**
 * A `SecureBucket` that ALB access logs can be delivered to: SSE-S3 (access logs do not
 * support SSE-KMS) and a policy letting only ELB log delivery put objects under
 * `<prefix>/AWSLogs/<account>/`, both through the regional ELB account (regions older than
 * August 2022, such as us-east-1) and through the log delivery service principal (newer regions).
 */
export class AlbAccessLogBucket extends Construct {
  /** The underlying `SecureBucket`. */
  readonly bucket: SecureBucket;
  /** Name of the bucket: the load balancer's `access_logs.bucket`. */
  readonly bucketName: string;
  /** ARN of the bucket, for readers of the logs. */
  readonly bucketArn: string;
  /** The bucket policy; the load balancer must depend on it, or AWS rejects the log configuration. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: AlbAccessLogBucketProps) {
    super(scope, id);
    const { retentionDays: retention, preventDestroy } = checkAlbAccessLogBucketProps(this.node.path, props);
    const provider = props.provider;
    const ctx = awsContext(this, provider);
    const elbAccount = new DataAwsElbServiceAccount(this, "elb-service-account", { provider });

    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      encryption: { kind: "s3-managed" },
      versioned: true,
      expirationDays: retention,
      preventDestroy,
      policyStatements: (bucketArn): PolicyStatement[] => {
        const logObjects = `${bucketArn}/${props.prefix}/AWSLogs/${ctx.accountId}/*`;
        return [
          {
            Sid: "ElbAccountDeliversAccessLogs",
            Effect: "Allow",
            Principal: { AWS: elbAccount.arn },
            Action: "s3:PutObject",
            Resource: logObjects,
          },
          {
            Sid: "ElbLogDeliveryServiceDeliversAccessLogs",
            Effect: "Allow",
            Principal: { Service: ELB_LOG_DELIVERY_PRINCIPAL },
            Action: "s3:PutObject",
            Resource: logObjects,
          },
        ];
      },
      provider,
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.policy = this.bucket.policy;
  }
}
