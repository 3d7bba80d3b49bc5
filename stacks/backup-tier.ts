import { Construct } from "constructs";
import type { BackupSettings } from "../config";
import { AirGappedVault, BackupPlan, BackupVault, type BackupCopyTarget } from "../modules/backup";

/** What an environment with its own data backs up, and where the copies go. */
export interface BackupTierPlan {
  /** Retentions, the vault lock and the air-gapped copy's range (config `backup`). */
  readonly settings: BackupSettings;
  /** Name of the logically air-gapped vault, made when `settings.airGappedCopy` is set. */
  readonly airGappedVaultName: string;
  /**
   * The DR copy's vault, when the environment has a DR copy. Built from the naming rule, not read
   * from state: the vault is in the DR region's shared stack, which is applied before this one (see buildApp).
   */
  readonly drCopyVaultArn?: string;
}

export interface BackupTierProps {
  /** Resource name prefix, e.g. `suma-auth-prod`: the plan is `<name>-plan`. */
  readonly name: string;
  /** The environment's vault name (a DR copy's: its copy vault in the shared stack). */
  readonly vaultName: string;
  /**
   * What to back up. Undefined in a DR copy: it backs nothing up itself, its primary's plan copies
   * into the vault named `vaultName`, which the DR region's shared stack owns.
   */
  readonly plan?: BackupTierPlan;
  /** The environment's data key (usable by AWS Backup). */
  readonly kmsKeyArn: string;
  /** Topic for vault events and failed jobs. */
  readonly ticketTopicArn: string;
  /** The tag a backup selection matches. */
  readonly selectionTag: { readonly key: string; readonly value: string };
  /** `prevent_destroy` on the vaults (production). */
  readonly preventDestroy: boolean;
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
    this.vaultName = props.vaultName;
    if (!props.plan) return;
    const { settings, drCopyVaultArn } = props.plan;
    this.vault = new BackupVault(this, "vault", {
      name: props.vaultName,
      kmsKeyArn: props.kmsKeyArn,
      lock: settings.vaultLock,
      notificationTopicArn: props.ticketTopicArn,
      preventDestroy: props.preventDestroy,
    });
    // Outside the blast radius of the account's administrators and keys: same region, because
    // Aurora copies to or from a logically air-gapped vault can't cross regions (SUMA-DEP-755).
    if (settings.airGappedCopy) {
      this.airGappedVault = new AirGappedVault(this, "air-gapped-vault", {
        name: props.plan.airGappedVaultName,
        minRetentionDays: settings.airGappedCopy.minRetentionDays,
        maxRetentionDays: settings.airGappedCopy.maxRetentionDays,
        preventDestroy: props.preventDestroy,
      });
    }
    const copyTo: BackupCopyTarget[] = [
      ...(drCopyVaultArn ? [{ vaultArn: drCopyVaultArn }] : []),
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
