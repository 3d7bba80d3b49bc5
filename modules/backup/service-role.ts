import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { awsContext } from "../core/aws-context";
import { NAME_LIMITS, resourceName } from "../core/naming";
import { policyDocument } from "../core/policy";

/** AWS managed policies the role carries, by name under `arn:<partition>:iam::aws:policy/service-role/`. */
export const BACKUP_SERVICE_ROLE_POLICIES = ["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"] as const;

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
 * `backup.<dnsSuffix>` for this account only, with AWS's managed backup and restore policies.
 */
export class BackupServiceRole extends Construct {
  readonly role: IamRole;
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
          // Confused-deputy guard: only AWS Backup acting for this account may assume the role.
          Condition: { StringEquals: { "aws:SourceAccount": ctx.accountId } },
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
