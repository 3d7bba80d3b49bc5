/**
 * The deployability pack: the rule family SUMA-DEP-*, by area (rules/deployability/<area>/).
 * Every rule here blocks synth in every environment and can't be suppressed (see rule.ts).
 * Runner: analysis/policy/deployability.ts.
 */
import type { DeployabilityAppCheck, DeployabilityRule } from "../rule";
import { ALARM_DEPLOYABILITY_CHECKS, ALARM_DEPLOYABILITY_RULES } from "../rules/deployability/alarms";
import { APP_ORDER_CHECKS } from "../rules/deployability/app-order";
import {
  BACKUP_ISOLATION_DEPLOYABILITY_CHECKS,
  BACKUP_ISOLATION_DEPLOYABILITY_RULES,
} from "../rules/deployability/backup-isolation";
import { DATABASE_DEPLOYABILITY_RULES } from "../rules/deployability/database";
import { DATABASE_BOOTSTRAP_DEPLOYABILITY_RULES } from "../rules/deployability/database-bootstrap";
import { DNS_DEPLOYABILITY_CHECKS, DNS_DEPLOYABILITY_RULES } from "../rules/deployability/dns";
import { DR_DATA_DEPLOYABILITY_CHECKS, DR_DATA_DEPLOYABILITY_RULES } from "../rules/deployability/dr-data";
import { FAILOVER_DEPLOYABILITY_RULES } from "../rules/deployability/failover";
import { FIRST_IMAGE_DEPLOYABILITY_CHECKS } from "../rules/deployability/first-image";
import { GITHUB_DEPLOYABILITY_RULES } from "../rules/deployability/github";
import { IAM_DEPLOYABILITY_CHECKS, IAM_DEPLOYABILITY_RULES } from "../rules/deployability/iam";
import { IMAGE_CONTRACT_DEPLOYABILITY_RULES } from "../rules/deployability/image-contract";
import {
  KEY_ADMINISTRATION_DEPLOYABILITY_CHECKS,
  KEY_ADMINISTRATION_DEPLOYABILITY_RULES,
} from "../rules/deployability/key-administration";
import {
  KEYS_AND_LOGS_DEPLOYABILITY_CHECKS,
  KEYS_AND_LOGS_DEPLOYABILITY_RULES,
} from "../rules/deployability/keys-and-logs";
import { NETWORK_AND_STARTUP_DEPLOYABILITY_RULES } from "../rules/deployability/network-and-startup";
import { PIPELINE_DEPLOYABILITY_CHECKS, PIPELINE_DEPLOYABILITY_RULES } from "../rules/deployability/pipeline";
import { QUOTA_DEPLOYABILITY_RULES } from "../rules/deployability/quotas";
import { RELEASE_REACH_DEPLOYABILITY_CHECKS } from "../rules/deployability/release-reach";
import { SINGLETON_DEPLOYABILITY_CHECKS } from "../rules/deployability/singletons";

/** Per-resource deployability rules. */
export const DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  ...ALARM_DEPLOYABILITY_RULES,
  ...BACKUP_ISOLATION_DEPLOYABILITY_RULES,
  ...DATABASE_DEPLOYABILITY_RULES,
  ...DATABASE_BOOTSTRAP_DEPLOYABILITY_RULES,
  ...DNS_DEPLOYABILITY_RULES,
  ...DR_DATA_DEPLOYABILITY_RULES,
  ...FAILOVER_DEPLOYABILITY_RULES,
  ...GITHUB_DEPLOYABILITY_RULES,
  ...IAM_DEPLOYABILITY_RULES,
  ...IMAGE_CONTRACT_DEPLOYABILITY_RULES,
  ...KEY_ADMINISTRATION_DEPLOYABILITY_RULES,
  ...KEYS_AND_LOGS_DEPLOYABILITY_RULES,
  ...PIPELINE_DEPLOYABILITY_RULES,
  ...NETWORK_AND_STARTUP_DEPLOYABILITY_RULES,
  ...QUOTA_DEPLOYABILITY_RULES,
];

/** Whole-app deployability checks (apply order, ownership across stacks, cross-region reads). */
export const DEPLOYABILITY_APP_CHECKS: readonly DeployabilityAppCheck[] = [
  ...APP_ORDER_CHECKS,
  ...FIRST_IMAGE_DEPLOYABILITY_CHECKS,
  ...RELEASE_REACH_DEPLOYABILITY_CHECKS,
  ...DNS_DEPLOYABILITY_CHECKS,
  ...DR_DATA_DEPLOYABILITY_CHECKS,
  ...BACKUP_ISOLATION_DEPLOYABILITY_CHECKS,
  ...SINGLETON_DEPLOYABILITY_CHECKS,
  ...IAM_DEPLOYABILITY_CHECKS,
  ...KEY_ADMINISTRATION_DEPLOYABILITY_CHECKS,
  ...KEYS_AND_LOGS_DEPLOYABILITY_CHECKS,
  ...PIPELINE_DEPLOYABILITY_CHECKS,
  ...ALARM_DEPLOYABILITY_CHECKS,
];
