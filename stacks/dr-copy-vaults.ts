import { Construct } from "constructs";
import type { AccountRegion, AppConfig } from "../config";
import { backupSettings, backupVaultName, keyAdministrationOf } from "../config";
import { BackupVault } from "../modules/backup";
import { EncryptionKey } from "../modules/kms";

export interface DrCopyVaultsProps {
  readonly config: AppConfig;
  /** The account and region of the shared stack. */
  readonly pair: AccountRegion;
  /** Topic for vault events (restores, changed or deleted recovery points, failed copies). */
  readonly notificationTopicArn: string;
}

/**
 * The vaults that receive the cross-region copies of each primary's backups, one per DR
 * environment in this account and region.
 *
 * They live in the shared stack of the DR region, not in the DR stack: the primary's backup
 * plan copies into them, and the DR stack is applied after the primary's (it joins the
 * primary's global database). Owned here, the vault exists before either environment stack,
 * so no copy job can run into a vault that is not there yet.
 */
export class DrCopyVaults extends Construct {
  /** Vault name by DR environment name. */
  readonly vaultNames: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: DrCopyVaultsProps) {
    super(scope, id);
    const { config, pair } = props;
    const drEnvironments = Object.entries(config.environments).filter(
      ([, env]) => env.drFor && env.account === pair.account && env.region === pair.region,
    );
    const names: Record<string, string> = {};
    if (drEnvironments.length === 0) {
      this.vaultNames = names;
      return;
    }
    const key = new EncryptionKey(this, "key", {
      alias: `${config.app.name}-${pair.account}-dr-backup`,
      description: `Encrypts the DR copies of ${config.app.name} recovery points in account ${pair.account}`,
      usage: { kind: "via-services", services: ["backup", "rds"] },
      administration: keyAdministrationOf(config, pair.account),
      preventDestroy: true,
    });
    for (const [envName, env] of drEnvironments) {
      const vault = new BackupVault(this, envName, {
        name: backupVaultName(config, envName),
        kmsKeyArn: key.keyArn,
        lock: backupSettings(env).vaultLock,
        notificationTopicArn: props.notificationTopicArn,
        preventDestroy: true,
      });
      names[envName] = vault.vaultName;
    }
    this.vaultNames = names;
  }
}
