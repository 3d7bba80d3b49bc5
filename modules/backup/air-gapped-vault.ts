import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { BackupLogicallyAirGappedVault } from "@cdktf/provider-aws/lib/backup-logically-air-gapped-vault";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { arnProblems, daysProblems, MAX_RETENTION_DAYS, nameProblems, VAULT_NAME } from "./validate";

/** AWS Backup's smallest minimum retention for a logically air-gapped vault. */
export const AIR_GAPPED_MIN_RETENTION_DAYS = 7;
/** The retention range of copies into the vault when none is given; config's production default takes it from here. */
export const DEFAULT_AIR_GAPPED_RETENTION = {
  /** Shortest retention a copy may have, in days. */
  minRetentionDays: AIR_GAPPED_MIN_RETENTION_DAYS,
  /** Longest retention a copy may have, in days (about ten years). */
  maxRetentionDays: 3650,
} as const;

/** Props of `AirGappedVault`: the vault's name, the retention range of copies, its key and destroy protection. */
export interface AirGappedVaultProps {
  /** Vault name: 2-50 of letters, digits, "-" and "_". */
  readonly name: string;
  /**
   * Shortest retention a copy into the vault may have (at least 7); copy jobs with less fail.
   * @default 7 (DEFAULT_AIR_GAPPED_RETENTION)
   */
  readonly minRetentionDays?: number;
  /**
   * Longest retention a copy into the vault may have; copy jobs with more fail.
   * @default 3650 (DEFAULT_AIR_GAPPED_RETENTION)
   */
  readonly maxRetentionDays?: number;
  /**
   * Customer managed KMS key for the vault. Leave it out: with the AWS owned key nobody in the
   * account can disable or delete the key the copies depend on, which is what keeps them out of an
   * account administrator's reach. Give a key only from a separate key account.
   * @default undefined (an AWS owned key)
   */
  readonly encryptionKeyArn?: string;
  /**
   * Adds `lifecycle.prevent_destroy`, so `terraform destroy` and replacements fail.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the vault is created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** AirGappedVaultProps with defaults filled in. */
export type CheckedAirGappedVaultProps = WithDefaults<
  AirGappedVaultProps,
  "minRetentionDays" | "maxRetentionDays" | "preventDestroy"
>;

function withDefaults(props: AirGappedVaultProps): CheckedAirGappedVaultProps {
  return {
    ...props,
    minRetentionDays: props.minRetentionDays ?? DEFAULT_AIR_GAPPED_RETENTION.minRetentionDays,
    maxRetentionDays: props.maxRetentionDays ?? DEFAULT_AIR_GAPPED_RETENTION.maxRetentionDays,
    preventDestroy: props.preventDestroy ?? true,
  };
}

/** Every problem of the props, each `<prop>: <reason>`; empty when they are valid. */
export function airGappedVaultProblems(props: AirGappedVaultProps): string[] {
  const { minRetentionDays, maxRetentionDays } = withDefaults(props);
  return [
    ...nameProblems("name", props.name, VAULT_NAME, '2-50 of letters, digits, "-" and "_"'),
    ...daysProblems("minRetentionDays", minRetentionDays, AIR_GAPPED_MIN_RETENTION_DAYS, MAX_RETENTION_DAYS),
    ...daysProblems("maxRetentionDays", maxRetentionDays, AIR_GAPPED_MIN_RETENTION_DAYS, MAX_RETENTION_DAYS),
    ...(minRetentionDays > maxRetentionDays
      ? [`minRetentionDays: (${minRetentionDays}) must not exceed maxRetentionDays (${maxRetentionDays})`]
      : []),
    ...(props.encryptionKeyArn !== undefined ? arnProblems("encryptionKeyArn", props.encryptionKeyArn, "kms-key") : []),
  ];
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkAirGappedVaultProps(where: string, props: AirGappedVaultProps): CheckedAirGappedVaultProps {
  throwIfProblems(where, airGappedVaultProblems(props));
  return withDefaults(props);
}

/**
 * An AWS Backup logically air-gapped vault: always locked in compliance mode, its copies stored in
 * an AWS Backup service account and encrypted with an AWS owned key, so neither deleting recovery
 * points nor crypto-shredding the account's KMS keys reaches them. Copy into it from a backup plan
 * (`BackupPlan` `copyTo`) in the same region for Aurora: cross-region copies to or from such a
 * vault don't support Aurora (SUMA-DEP-755).
 *
 * @example
 * ```ts
 * const airGapped = new AirGappedVault(this, "air-gapped", { name: "acme-prod-air-gapped", maxRetentionDays: 400 });
 * new BackupPlan(this, "plan", { ..., copyTo: [{ vaultArn: airGapped.vaultArn }] });
 * ```
 */
export class AirGappedVault extends Construct {
  /** The logically air-gapped vault resource. */
  readonly vault: BackupLogicallyAirGappedVault;
  /** ARN of the vault: the `vaultArn` of a `BackupPlan` copy target. */
  readonly vaultArn: string;
  /** Name of the vault, for restore runbooks and the AWS Backup console. */
  readonly vaultName: string;
  /** The retention range copies into the vault must fall in. */
  readonly retention: {
    /** Shortest retention a copy may have, in days. */
    readonly minDays: number;
    /** Longest retention a copy may have, in days. */
    readonly maxDays: number;
  };

  constructor(scope: Construct, id: string, props: AirGappedVaultProps) {
    super(scope, id);
    const {
      minRetentionDays: minDays,
      maxRetentionDays: maxDays,
      preventDestroy,
    } = checkAirGappedVaultProps(this.node.path, props);
    this.retention = { minDays, maxDays };
    this.vault = new BackupLogicallyAirGappedVault(this, "vault", {
      name: props.name,
      minRetentionDays: minDays,
      maxRetentionDays: maxDays,
      encryptionKeyArn: props.encryptionKeyArn,
      lifecycle: { preventDestroy },
      provider: props.provider,
    });
    this.vaultArn = this.vault.arn;
    this.vaultName = this.vault.name;
  }
}
