import type { DeployabilityRule } from "../../../rule";
import { documentedTrustProblems, hasManagedPolicy, refersToRole } from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";

/** SUMA-DEP-303: the AWS Backup service role trusts backup with sts:AssumeRole, unconditioned. */
export const BackupServiceRoleTrust: DeployabilityRule = {
  id: "SUMA-DEP-303",
  title: "The AWS Backup service role has the documented trust policy",
  severity: "error",
  controls: { pci: [], soc2: ["CC8.1", "A1.2", "A1.3"], cis: [] },
  resourceTypes: ["aws_iam_role"],
  constraint:
    "AWS Backup assumes the role a backup selection (or an on-demand job) names to create, copy, tag and restore backups; the role must list AWS Backup (backup.amazonaws.com) as its trusted entity with sts:AssumeRole. AWS Backup documents aws:SourceArn (a backup vault) only for publishing to SNS, not for assuming this role, so a source condition in the trust policy can fail every backup job.",
  source: {
    title: "AWS Backup Developer Guide: IAM service roles (and Cross-service confused deputy prevention)",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html",
  },
  rationale:
    "A backup plan whose jobs can't assume their role records no recovery points, and nobody notices until a restore. Fix: trust backup.<dnsSuffix> with sts:AssumeRole and no aws:SourceArn/aws:SourceAccount condition; limit who may pass the role instead.",
  check: (subject) => {
    const usedBySelection = resourcesOfType(subject.stack, "aws_backup_selection").some(([, sel]) =>
      refersToRole(sel.iam_role_arn, subject.name, ["arn"]),
    );
    if (!usedBySelection && !hasManagedPolicy(subject, "AWSBackupServiceRolePolicyForBackup")) return [];
    return documentedTrustProblems(subject, "backup", "AWS Backup service role");
  },
};
