import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import {
  BackupPlan,
  BackupVault,
  PRE_DEPLOYMENT_BACKUP,
  preDeploymentBackupCommand,
  preDeploymentBackupName,
  preDeploymentBackupStatements,
  type PreDeploymentBackupCommandProps,
  type PreDeploymentBackupPermissionsProps,
} from "../../../modules/backup";
import { policyDocument } from "../../../modules/core/policy";
import { only, policyOf, synthConstruct } from "../../support/stack-json";

const vaultArn = "arn:aws:backup:eu-west-1:111122223333:backup-vault:acme-prod";
const backupRoleArn = "arn:aws:iam::111122223333:role/acme-prod-backup";
const resourceArn = "arn:aws:rds:eu-west-1:111122223333:cluster:acme-prod";
const sha = "0123456789abcdef0123456789abcdef01234567";

describe("preDeploymentBackupStatements", () => {
  const statements = preDeploymentBackupStatements({ vaultArn, backupRoleArn, resourceArn });
  const actions = (s: (typeof statements)[number]) => [s.Action].flat();

  it("allows starting a backup job into the vault only", () => {
    expect(statements.find((s) => actions(s).includes("backup:StartBackupJob"))).toMatchObject({
      Effect: "Allow",
      Action: "backup:StartBackupJob",
      Resource: vaultArn,
    });
  });

  it("uses a * resource only for DescribeBackupJob and ListBackupJobs, which have no resource-level permissions", () => {
    const wildcard = statements.filter((s) => [s.Resource].flat().includes("*"));
    expect(wildcard.flatMap(actions).sort()).toEqual(["backup:DescribeBackupJob", "backup:ListBackupJobs"]);
    for (const s of statements) expect([s.Resource].flat().some((r) => r !== "*" && r!.includes("*"))).toBe(false);
  });

  it("passes only the backup role, and only to AWS Backup", () => {
    expect(statements.find((s) => actions(s).includes("iam:PassRole"))).toEqual({
      Sid: "PassBackupRoleToAwsBackup",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: backupRoleArn,
      Condition: { StringEquals: { "iam:PassedToService": "backup.amazonaws.com" } },
    });
  });

  it("describes only the cluster being backed up", () => {
    expect(statements.find((s) => actions(s).includes("rds:DescribeDBClusters"))).toMatchObject({
      Resource: resourceArn,
    });
  });

  it("grants nothing else, with unique Sids and no Deny", () => {
    expect(statements.flatMap(actions).sort()).toEqual([
      "backup:DescribeBackupJob",
      "backup:ListBackupJobs",
      "backup:StartBackupJob",
      "iam:PassRole",
      "rds:DescribeDBClusters",
    ]);
    expect(new Set(statements.map((s) => s.Sid)).size).toBe(statements.length);
    expect(statements.every((s) => s.Effect === "Allow")).toBe(true);
  });

  it("uses the partition's DNS suffix when given", () => {
    const cn = preDeploymentBackupStatements({ vaultArn, backupRoleArn, resourceArn, dnsSuffix: "amazonaws.com.cn" });
    expect(JSON.stringify(cn)).toContain('"iam:PassedToService":"backup.amazonaws.com.cn"');
  });

  it("takes the vault and role of BackupVault and BackupPlan by reference", () => {
    const stack = synthConstruct((s) => {
      const vault = new BackupVault(s, "vault", {
        name: "acme-prod",
        kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/abcd",
      });
      const plan = new BackupPlan(s, "plan", {
        name: "acme-prod",
        vaultName: vault.vaultName,
        selectionTag: { key: "backup", value: "daily" },
      });
      const policy = preDeploymentBackupStatements({
        vaultArn: vault.vaultArn,
        backupRoleArn: plan.roleArn,
        resourceArn,
      });
      new IamPolicy(s, "deploy", { name: "deploy-backup", policy: policyDocument(policy) });
    });
    const statements = policyOf(only(stack, "aws_iam_policy")).Statement;
    expect(statements.find((st) => st.Sid === "StartPreDeploymentBackup")!.Resource).toMatch(
      /^\$\{aws_backup_vault\.[\w-]+\.arn\}$/,
    );
    expect(statements.find((st) => st.Sid === "PassBackupRoleToAwsBackup")!.Resource).toMatch(
      /^\$\{aws_iam_role\.[\w-]+\.arn\}$/,
    );
  });

  it.each<[string, Partial<PreDeploymentBackupPermissionsProps>, string]>([
    [
      "a vault name for vaultArn",
      { vaultArn: "acme-prod" },
      'preDeploymentBackupStatements: vaultArn: "acme-prod" must be a backup vault ARN',
    ],
    [
      "a wildcard role",
      { backupRoleArn: "arn:aws:iam::111122223333:role/*" },
      "preDeploymentBackupStatements: backupRoleArn: ",
    ],
    [
      "a DynamoDB table for resourceArn",
      { resourceArn: "arn:aws:dynamodb:eu-west-1:111122223333:table/t" },
      "preDeploymentBackupStatements: resourceArn: ",
    ],
    [
      "a wildcard cluster",
      { resourceArn: "arn:aws:rds:eu-west-1:111122223333:cluster:*" },
      "must be an Aurora/RDS cluster ARN",
    ],
  ])("rejects %s", (_case, extra, message) => {
    expect(() => preDeploymentBackupStatements({ vaultArn, backupRoleArn, resourceArn, ...extra })).toThrow(message);
  });
});

describe("preDeploymentBackupName", () => {
  it("is predeploy-<service>-<version>-<sha7>", () => {
    expect(preDeploymentBackupName("auth", "1.4.0", sha)).toBe("predeploy-auth-1.4.0-0123456");
  });

  it("is lower case and names v1.2.3 and 1.2.3 alike, so a retried release reuses the idempotency token", () => {
    expect(preDeploymentBackupName("Auth", "V1.2.3", "ABCDEF1")).toBe("predeploy-auth-1.2.3-abcdef1");
    expect(preDeploymentBackupName("auth", "v1.2.3", "abcdef1")).toBe(
      preDeploymentBackupName("auth", "1.2.3", "abcdef1234"),
    );
  });

  it("keeps a pre-release suffix", () => {
    expect(preDeploymentBackupName("auth", "v2.0.0-rc.1", sha)).toBe("predeploy-auth-2.0.0-rc.1-0123456");
  });

  it("stays within 50 characters", () => {
    expect(preDeploymentBackupName("a".repeat(23), "10.20.30", sha)).toHaveLength(PRE_DEPLOYMENT_BACKUP.maxNameLength);
  });

  it.each<[string, string, string, string, string]>([
    ["an empty service", "", "1.2.3", sha, 'preDeploymentBackupName: service: "" must be letters, digits and "-"'],
    ["a service with a slash", "auth/api", "1.2.3", sha, 'preDeploymentBackupName: service: "auth/api"'],
    ["a service ending in -", "auth-", "1.2.3", sha, 'preDeploymentBackupName: service: "auth-"'],
    [
      "a two-part version",
      "auth",
      "1.2",
      sha,
      'preDeploymentBackupName: version: "1.2" must be a release version like 1.2.3',
    ],
    ["a branch name as version", "auth", "main", sha, 'preDeploymentBackupName: version: "main"'],
    ["build metadata", "auth", "1.2.3+build.5", sha, 'preDeploymentBackupName: version: "1.2.3+build.5"'],
    [
      "a 6-digit sha",
      "auth",
      "1.2.3",
      "abcdef",
      'preDeploymentBackupName: sha: "abcdef" must be a git commit SHA of 7 to 40 hex digits',
    ],
    ["a 41-digit sha", "auth", "1.2.3", `${sha}0`, "preDeploymentBackupName: sha: "],
    ["a non-hex sha", "auth", "1.2.3", "abcdefg", 'preDeploymentBackupName: sha: "abcdefg"'],
    [
      "a name over 50 characters",
      "a".repeat(30),
      "10.20.30",
      sha,
      "is 57 characters, above 50; use a shorter service name",
    ],
  ])("rejects %s", (_case, service, version, commit, message) => {
    expect(() => preDeploymentBackupName(service, version, commit)).toThrow(message);
  });
});

describe("preDeploymentBackupCommand", () => {
  const props: PreDeploymentBackupCommandProps = {
    vaultName: "acme-prod",
    resourceArn,
    backupRoleArn,
    service: "auth",
    version: "v1.4.0",
    sha,
  };
  const argv = preDeploymentBackupCommand(props);
  const flag = (args: readonly string[], name: string) => args[args.indexOf(name) + 1];

  it("starts a backup job of the resource into the vault with the backup role", () => {
    expect(argv.slice(0, 3)).toEqual(["aws", "backup", "start-backup-job"]);
    expect(flag(argv, "--backup-vault-name")).toBe("acme-prod");
    expect(flag(argv, "--resource-arn")).toBe(resourceArn);
    expect(flag(argv, "--iam-role-arn")).toBe(backupRoleArn);
  });

  it("uses the backup name as idempotency token, keeps it 30 days and tags the recovery point", () => {
    expect(flag(argv, "--idempotency-token")).toBe("predeploy-auth-1.4.0-0123456");
    expect(flag(argv, "--lifecycle")).toBe("DeleteAfterDays=30");
    expect(PRE_DEPLOYMENT_BACKUP.retentionDays).toBe(30);
    expect(JSON.parse(flag(argv, "--recovery-point-tags")!)).toEqual({
      "pre-deployment-backup": "predeploy-auth-1.4.0-0123456",
      service: "auth",
      version: "v1.4.0",
      commit: sha,
    });
  });

  it("is an argv array with one value per flag and no region unless asked", () => {
    expect(argv).toHaveLength(15);
    expect(argv).not.toContain("--region");
    expect(preDeploymentBackupCommand({ ...props, region: "eu-west-1" }).slice(-2)).toEqual(["--region", "eu-west-1"]);
  });

  it.each<[string, Partial<PreDeploymentBackupCommandProps>, string]>([
    ["a vault ARN for vaultName", { vaultName: vaultArn }, "preDeploymentBackupCommand: vaultName: "],
    [
      "a resource that is not an ARN",
      { resourceArn: "acme-prod" },
      'preDeploymentBackupCommand: resourceArn: "acme-prod" must be the ARN of the resource to back up',
    ],
    [
      "a role that is not an ARN",
      { backupRoleArn: "acme-prod-backup" },
      'preDeploymentBackupCommand: backupRoleArn: "acme-prod-backup" must be an IAM role ARN',
    ],
    ["a made-up region", { region: "europe" }, 'preDeploymentBackupCommand: region: "europe" must be an AWS region'],
    ["a bad version", { version: "latest" }, 'preDeploymentBackupName: version: "latest"'],
  ])("rejects %s", (_case, extra, message) => {
    expect(() => preDeploymentBackupCommand({ ...props, ...extra })).toThrow(message);
  });
});
