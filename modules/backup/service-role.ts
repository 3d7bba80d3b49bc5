import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { awsContext } from "../core/aws-context";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { policyDocument } from "../core/policy";

/** AWS managed policies the role carries, by name under `arn:<partition>:iam::aws:policy/service-role/`. */
export const BACKUP_SERVICE_ROLE_POLICIES = [
  "AWSBackupServiceRolePolicyForBackup",
  "AWSBackupServiceRolePolicyForRestores",
] as const;

/** Props of `BackupServiceRole`: the name prefix of the role AWS Backup assumes. */
export interface BackupServiceRoleProps {
  /** Prefix of the role name; the role is `<name>-backup` (cut with a hash to 64 characters). */
  readonly name: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The role AWS Backup assumes to take, copy and restore backups: trusted by
 * `backup.<dnsSuffix>` (AWS's documented trust policy), with AWS's managed backup and restore policies.
 */
export class BackupServiceRole extends Construct {
  /** The role AWS Backup assumes. */
  readonly role: IamRole;
  /** ARN of the role, for backup selections and on-demand backup jobs. */
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: BackupServiceRoleProps) {
    super(scope, id);
    const ctx = awsContext(this, props.provider);
    const provider = props.provider;
    this.role = new IamRole(this, "role", {
      name: resourceName([props.name, "backup"], NAME_LIMITS.iamRole),
      assumeRolePolicy: policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: `backup.${ctx.dnsSuffix}` },
          Action: "sts:AssumeRole",
          // The documented trust policy, with no condition. AWS Backup Developer Guide, "IAM service
          // roles": the role names AWS Backup as its trusted entity. "Cross-service confused deputy
          // prevention" documents aws:SourceArn (a backup vault) only for AWS Backup publishing to SNS,
          // not for assuming this role, so a source condition here could fail every backup job
          // (deployability rule SUMA-DEP-303).
          // https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html
          // https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-service-confused-deputy-prevention.html
        },
      ]),
      provider,
    });
    this.roleArn = this.role.arn;
    for (const policy of BACKUP_SERVICE_ROLE_POLICIES) {
      new IamRolePolicyAttachment(this, policy, {
        role: this.role.name,
        policyArn: `arn:${ctx.partition}:iam::aws:policy/service-role/${policy}`,
        provider,
      });
    }
  }
}
