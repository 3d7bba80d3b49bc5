import { Construct } from "constructs";
import type { AppConfig } from "../config";
import { airGappedVaultName, backupSettings, backupVaultName, drEnvironmentOf } from "../config";
import { AirGappedVault, BackupPlan, BackupVault, type BackupCopyTarget } from "../modules/backup";

export interface BackupTierProps {
  readonly config: AppConfig;
  readonly envName: string;
  readonly name: string;
  readonly accountId: string;
  /** The environment's data key (usable by AWS Backup). */
  readonly kmsKeyArn: string;
  readonly ticketTopicArn: string;
  /** The tag a backup selection matches. */
  readonly selectionTag: { readonly key: string; readonly value: string };
}

/**
 * One environment's AWS Backup: a vault in its region (compliance-locked in production) and a
 * daily and weekly plan selected by tag, each recovery point copied to the DR copy's vault when
 * there is one and to a logically air-gapped vault in the same region when configured (by default
 * in production). A DR copy builds nothing here: its vault belongs to the shared stack of its
 * region (see DrCopyVaults), because the primary copies into it before the DR stack exists.
 */
export class BackupTier extends Construct {
  /** The environment's own vault; none in a DR copy. */
  readonly vault?: BackupVault;
  /** The logically air-gapped vault every recovery point is also copied to (config backup.airGappedCopy). */
  readonly airGappedVault?: AirGappedVault;
  /** The vault recovery points of this environment are in (a DR copy's is its copy vault). */
  readonly vaultName: string;
  readonly plan?: BackupPlan;

  constructor(scope: Construct, id: string, props: BackupTierProps) {
    super(scope, id);
    const { config, envName } = props;
    const env = config.environments[envName]!;
    const settings = backupSettings(env);
    this.vaultName = backupVaultName(config, envName);
    if (env.drFor) return;
    this.vault = new BackupVault(this, "vault", {
      name: backupVaultName(config, envName),
      kmsKeyArn: props.kmsKeyArn,
      lock: settings.vaultLock,
      notificationTopicArn: props.ticketTopicArn,
      preventDestroy: env.production,
    });
    const drName = drEnvironmentOf(config, envName);
    const dr = drName ? config.environments[drName] : undefined;
    // Built from the naming rule, not read from state: the vault is in the DR region's shared
    // stack, which is applied before this one (see buildApp).
    const drVaultArn = dr && drName ? `arn:aws:backup:${dr.region}:${config.accounts[dr.account]!.id}:backup-vault:${backupVaultName(config, drName)}` : undefined;
    // Outside the blast radius of the account's administrators and keys: same region, because
    // Aurora copies to or from a logically air-gapped vault can't cross regions (SUMA-DEP-755).
    if (settings.airGappedCopy) {
      this.airGappedVault = new AirGappedVault(this, "air-gapped-vault", {
        name: airGappedVaultName(config, envName),
        minRetentionDays: settings.airGappedCopy.minRetentionDays,
        maxRetentionDays: settings.airGappedCopy.maxRetentionDays,
        preventDestroy: env.production,
      });
    }
    const copyTo: BackupCopyTarget[] = [
      ...(drVaultArn ? [{ vaultArn: drVaultArn }] : []),
      ...(this.airGappedVault ? [{ vaultArn: this.airGappedVault.vaultArn }] : []),
    ];
    this.plan = new BackupPlan(this, "plan", {
      name: `${props.name}-plan`,
      vaultName: this.vault.vaultName,
      dailyRetentionDays: settings.dailyRetentionDays,
      weeklyRetentionDays: settings.weeklyRetentionDays,
      copyTo: copyTo.length > 0 ? copyTo : undefined,
      selectionTag: props.selectionTag,
      failureTopicArn: props.ticketTopicArn,
    });
  }
}
