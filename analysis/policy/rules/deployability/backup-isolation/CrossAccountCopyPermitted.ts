import type { AppProblem, DeployabilityAppCheck, SynthesizedApp } from "../../../rule";
import {
  AIR_GAPPED_VAULT,
  asList,
  BACKUP_VAULT_ARN,
  backupPlans,
  copyActions,
  stackPlacement,
  statementsOf,
} from "../../../rule-helpers";
import { resourcesOfType, type TerraformJson } from "../../../terraform-json";

/** Does a statement name the account (its root, a role of it, or the account id) as principal? */
function namesAccount(statement: Readonly<Record<string, unknown>>, accountId: string): boolean {
  const principal = statement.Principal;
  const aws =
    typeof principal === "object" && principal !== null
      ? asList((principal as Record<string, unknown>).AWS)
      : [principal];
  return aws.some((p) => typeof p === "string" && (p === accountId || p.includes(`::${accountId}:`)));
}

/** One copy action of a backup plan, as {@link copyActions} reads it. */
type CopyAction = ReturnType<typeof copyActions>[number];

/** Does the stack have an access policy on the vault that allows backup:CopyIntoBackupVault from `source`? */
function vaultPolicyAllowsCopy(
  other: TerraformJson,
  name: string | undefined,
  vaultLogicalName: string,
  source: string,
): boolean {
  return resourcesOfType(other, "aws_backup_vault_policy").some(([, p]) => {
    const target = String(p.backup_vault_name ?? "");
    const forVault = target === name || target.includes(`.${vaultLogicalName}.`);
    return (
      forVault &&
      statementsOf(p.policy).some(
        (s) =>
          s.Effect === "Allow" &&
          JSON.stringify(s.Action ?? "").includes("backup:CopyIntoBackupVault") &&
          (namesAccount(s, source) || s.Condition !== undefined),
      )
    );
  });
}

/** The destination vault's access policy, when this app creates the vault: one problem per stack whose policy refuses. */
function destinationVaultProblems(
  app: SynthesizedApp,
  stackName: string,
  address: string,
  copy: CopyAction,
  source: string,
  { region, account, name }: { readonly region?: string; readonly account: string; readonly name?: string },
): AppProblem[] {
  const problems: AppProblem[] = [];
  for (const [otherName, other] of Object.entries(app.stacks)) {
    const placement = stackPlacement(other);
    if (placement.accountId !== account || placement.region !== region) continue;
    const vault = [...resourcesOfType(other, "aws_backup_vault"), ...resourcesOfType(other, AIR_GAPPED_VAULT)].find(
      ([, v]) => v.name === name,
    );
    if (!vault) continue;
    if (!vaultPolicyAllowsCopy(other, name, vault[0], source))
      problems.push({
        stack: stackName,
        address,
        message: `rule ${copy.rule} copies into ${copy.destination} (${otherName}), whose access policy doesn't allow backup:CopyIntoBackupVault from account ${source}`,
      });
  }
  return problems;
}

/** The source data key: Aurora backups stay under the cluster's key, which must let the destination account use it. */
function sourceKeyProblems(
  stack: TerraformJson,
  stackName: string,
  address: string,
  copy: CopyAction,
  account: string,
): AppProblem[] {
  const problems: AppProblem[] = [];
  for (const [clusterName, cluster] of resourcesOfType(stack, "aws_rds_cluster")) {
    const keyRef = /^\$\{aws_kms_key\.([A-Za-z0-9_-]+)\.arn\}$/.exec(String(cluster.kms_key_id ?? ""));
    const key = keyRef ? resourcesOfType(stack, "aws_kms_key").find(([n]) => n === keyRef[1])?.[1] : undefined;
    if (!key) continue;
    if (!statementsOf(key.policy).some((s) => s.Effect === "Allow" && namesAccount(s, account))) {
      problems.push({
        stack: stackName,
        address,
        message: `rule ${copy.rule} copies into account ${account}, but aws_rds_cluster.${clusterName}'s key aws_kms_key.${keyRef![1]} doesn't let that account use it: the copy of its recovery points fails`,
      });
    }
  }
  return problems;
}

export const CrossAccountCopyPermitted: DeployabilityAppCheck = {
  id: "SUMA-DEP-756",
  title:
    "A copy into another account's vault has that vault's access policy and a source key the other account may use",
  severity: "error",
  constraint:
    "A cross-account copy needs the destination vault's access policy to allow backup:CopyIntoBackupVault from the source account, and " +
    "recovery points of services that encrypt their own backups (such as Aurora) encrypted with a customer managed key whose policy lets the " +
    "destination account use it; a key whose policy admits only its own account can't be used by the destination.",
  source: {
    title:
      "AWS Backup Developer Guide: Creating backup copies across AWS accounts (setting up cross-account backup, encryption)",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/create-cross-account-backup.html",
  },
  rationale:
    "Without both, every copy job fails with access denied and the only copy stays inside the account whose administrators it was meant to " +
    "escape. Fix: give the destination vault an aws_backup_vault_policy allowing backup:CopyIntoBackupVault to the source account, and grant " +
    "the destination account use of the source data key; or copy into a logically air-gapped vault of the same account.",
  controls: { pci: ["3.5.1", "12.10.1"], soc2: ["A1.2", "A1.3", "CC6.1"], cis: [] },
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack, address, plan] of backupPlans(app)) {
      const source = stackPlacement(stack).accountId;
      if (source === undefined) continue;
      for (const copy of copyActions(plan)) {
        const arn = BACKUP_VAULT_ARN.exec(copy.destination);
        if (!arn || arn[2] === source) continue;
        const [, region, account = "", name] = arn;
        problems.push(
          ...destinationVaultProblems(app, stackName, address, copy, source, { region, account, name }),
          ...sourceKeyProblems(stack, stackName, address, copy, account),
        );
      }
    }
    return problems;
  },
};
