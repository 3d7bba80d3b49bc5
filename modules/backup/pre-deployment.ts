/**
 * On-demand AWS Backup of one resource before a major release: the IAM a CI deploy role
 * needs, the backup's name (its idempotency token and recovery point tag), and the AWS CLI
 * call the pipeline and the runbook run. Pure functions; nothing here makes resources.
 */
import type { PolicyStatement } from "../core/policy";
import { AWS_REGION } from "../core/patterns";
import { throwIfProblems } from "../core/validation";
import { arnProblems, nameProblems, VAULT_NAME } from "./validate";

/** Fixed settings of the pre-deployment backup: retention, recovery point tag and name length. */
export const PRE_DEPLOYMENT_BACKUP = {
  /** Days a pre-deployment recovery point is kept: long enough to roll back a release found bad weeks later. */
  retentionDays: 30,
  /** Recovery point tag whose value is {@link preDeploymentBackupName}, for finding the backup again. */
  tagKey: "pre-deployment-backup",
  /** Longest name {@link preDeploymentBackupName} returns. */
  maxNameLength: 50,
} as const;

/** What the deploy role's pre-deployment backup statements are scoped to (`preDeploymentBackupStatements`). */
export interface PreDeploymentBackupPermissionsProps {
  /** Vault the backup goes into. */
  readonly vaultArn: string;
  /** Role AWS Backup assumes for the job (e.g. `BackupPlan.roleArn`). */
  readonly backupRoleArn: string;
  /** The Aurora cluster to back up. */
  readonly resourceArn: string;
  /**
   * DNS suffix of the partition's service principals (`awsContext(...).dnsSuffix`).
   * @default "amazonaws.com"
   */
  readonly dnsSuffix?: string;
}

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function preDeploymentBackupPermissionsProblems(props: PreDeploymentBackupPermissionsProps): string[] {
  return [
    ...arnProblems("vaultArn", props.vaultArn, "backup-vault"),
    ...arnProblems("backupRoleArn", props.backupRoleArn, "iam-role"),
    ...arnProblems("resourceArn", props.resourceArn, "rds-cluster"),
  ];
}

/** What a CI deploy role needs to start an on-demand backup of one cluster and wait for it; nothing more. */
export function preDeploymentBackupStatements(props: PreDeploymentBackupPermissionsProps): PolicyStatement[] {
  throwIfProblems("preDeploymentBackupStatements", preDeploymentBackupPermissionsProblems(props));
  return [
    { Sid: "StartPreDeploymentBackup", Effect: "Allow", Action: "backup:StartBackupJob", Resource: props.vaultArn },
    // DescribeBackupJob and ListBackupJobs have no resource-level permissions: AWS accepts only "*" for them.
    {
      Sid: "FollowBackupJobs",
      Effect: "Allow",
      Action: ["backup:DescribeBackupJob", "backup:ListBackupJobs"],
      Resource: "*",
    },
    {
      Sid: "PassBackupRoleToAwsBackup",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: props.backupRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": `backup.${props.dnsSuffix ?? "amazonaws.com"}` } },
    },
    { Sid: "DescribeBackedUpCluster", Effect: "Allow", Action: "rds:DescribeDBClusters", Resource: props.resourceArn },
  ];
}

const SERVICE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const VERSION = /^v?(\d+\.\d+\.\d+(?:-[0-9a-z.-]+)?)$/;
const SHA = /^[0-9a-f]{7,40}$/;

/**
 * `predeploy-<service>-<version>-<sha7>`, lower case, at most 50 characters: the idempotency
 * token of the backup job (a retried pipeline run does not take a second backup) and the value
 * of the `pre-deployment-backup` recovery point tag. A leading "v" is dropped, so `v1.2.3` and
 * `1.2.3` name the same backup.
 */
export function preDeploymentBackupName(service: string, version: string, sha: string): string {
  throwIfProblems("preDeploymentBackupName", preDeploymentBackupNameProblems(service, version, sha));
  return backupName(service, version, sha);
}

function backupName(service: string, version: string, sha: string): string {
  return `predeploy-${service.toLowerCase()}-${VERSION.exec(version.toLowerCase())?.[1]}-${sha.toLowerCase().slice(0, 7)}`;
}

/** Every problem of the name's parts, one `<part>: <reason>` each; empty when they make a valid name. */
export function preDeploymentBackupNameProblems(service: string, version: string, sha: string): string[] {
  const problems: string[] = [];
  if (!SERVICE.test(service.toLowerCase()))
    problems.push(`service: "${service}" must be letters, digits and "-", starting and ending with a letter or digit`);
  if (VERSION.exec(version.toLowerCase()) === null)
    problems.push(`version: "${version}" must be a release version like 1.2.3, v1.2.3 or 1.2.3-rc.1`);
  if (!SHA.test(sha.toLowerCase())) problems.push(`sha: "${sha}" must be a git commit SHA of 7 to 40 hex digits`);
  const name = backupName(service, version, sha);
  if (problems.length === 0 && name.length > PRE_DEPLOYMENT_BACKUP.maxNameLength) {
    problems.push(
      `service: "${name}" is ${name.length} characters, above ${PRE_DEPLOYMENT_BACKUP.maxNameLength}; use a shorter service name`,
    );
  }
  return problems;
}

/** Inputs of `preDeploymentBackupCommand`: the vault, resource and role, and the release that names the backup. */
export interface PreDeploymentBackupCommandProps {
  /** Name (not ARN) of the vault the backup goes into. */
  readonly vaultName: string;
  /** ARN of the resource to back up. */
  readonly resourceArn: string;
  /** Role AWS Backup assumes for the job. */
  readonly backupRoleArn: string;
  /** Service being released; lower-cased into the backup name and tags. */
  readonly service: string;
  /** Release version; part of the backup name and tags. */
  readonly version: string;
  /** Git commit SHA of the release. */
  readonly sha: string;
  /**
   * AWS region passed to the CLI as `--region`.
   * @default the CLI's configured region
   */
  readonly region?: string;
}

/**
 * The `aws backup start-backup-job` argv (no shell quoting needed) that takes the pre-deployment
 * backup, kept {@link PRE_DEPLOYMENT_BACKUP}.retentionDays and tagged with its name, service,
 * version and commit. The job ID it prints is what `aws backup describe-backup-job` polls.
 */
export function preDeploymentBackupCommand(props: PreDeploymentBackupCommandProps): string[] {
  throwIfProblems("preDeploymentBackupCommand", [
    ...nameProblems(
      "vaultName",
      props.vaultName,
      VAULT_NAME,
      '2-50 of letters, digits, "-" and "_" (the vault name, not its ARN)',
    ),
    ...(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:\S+$/.test(props.resourceArn)
      ? []
      : [`resourceArn: "${props.resourceArn}" must be the ARN of the resource to back up`]),
    ...arnProblems("backupRoleArn", props.backupRoleArn, "iam-role"),
    ...(props.region !== undefined && !AWS_REGION.test(props.region)
      ? [`region: "${props.region}" must be an AWS region such as eu-west-1`]
      : []),
  ]);
  const name = preDeploymentBackupName(props.service, props.version, props.sha);
  const tags = {
    [PRE_DEPLOYMENT_BACKUP.tagKey]: name,
    service: props.service.toLowerCase(),
    version: props.version,
    commit: props.sha.toLowerCase(),
  };
  return [
    "aws",
    "backup",
    "start-backup-job",
    "--backup-vault-name",
    props.vaultName,
    "--resource-arn",
    props.resourceArn,
    "--iam-role-arn",
    props.backupRoleArn,
    "--idempotency-token",
    name,
    "--lifecycle",
    `DeleteAfterDays=${PRE_DEPLOYMENT_BACKUP.retentionDays}`,
    "--recovery-point-tags",
    JSON.stringify(tags),
    ...(props.region === undefined ? [] : ["--region", props.region]),
  ];
}
