/** Aurora clusters and instances: the rules with ids SUMA-RDS-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { AuroraStorageEncrypted } from "./AuroraStorageEncrypted";
import { AuroraIamAuthentication } from "./AuroraIamAuthentication";
import { AuroraDeletionProtected } from "./AuroraDeletionProtected";
import { AuroraMasterPasswordManaged } from "./AuroraMasterPasswordManaged";
import { AuroraBackupRetention } from "./AuroraBackupRetention";
import { AuroraProductionBackupRetention } from "./AuroraProductionBackupRetention";
import { AuroraLogExports } from "./AuroraLogExports";
import { AuroraForcesTls } from "./AuroraForcesTls";
import { AuroraInstancePrivate } from "./AuroraInstancePrivate";
import { AuroraPerformanceInsightsEncrypted } from "./AuroraPerformanceInsightsEncrypted";

export {
  AuroraStorageEncrypted,
  AuroraIamAuthentication,
  AuroraDeletionProtected,
  AuroraMasterPasswordManaged,
  AuroraBackupRetention,
  AuroraProductionBackupRetention,
  AuroraLogExports,
  AuroraForcesTls,
  AuroraInstancePrivate,
  AuroraPerformanceInsightsEncrypted,
};

export const RDS_RULES: readonly PolicyRule[] = [
  AuroraStorageEncrypted,
  AuroraIamAuthentication,
  AuroraDeletionProtected,
  AuroraMasterPasswordManaged,
  AuroraBackupRetention,
  AuroraProductionBackupRetention,
  AuroraLogExports,
  AuroraForcesTls,
  AuroraInstancePrivate,
  AuroraPerformanceInsightsEncrypted,
];
