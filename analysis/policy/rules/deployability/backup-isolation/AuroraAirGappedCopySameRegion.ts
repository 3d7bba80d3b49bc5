import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import { airGappedDestinations, backupPlans, stackPlacement } from "../../../rule-helpers";
import { resourcesOfType } from "../../../terraform-json";

/** Engines whose backups can't be copied across regions to or from an air-gapped vault. */
const NO_CROSS_REGION_LAG = /^(aurora|docdb|neptune)/;

export const AuroraAirGappedCopySameRegion: DeployabilityAppCheck = {
  id: "SUMA-DEP-755",
  title: "Aurora recovery points are copied into a logically air-gapped vault of their own region",
  severity: "error",
  constraint:
    "Cross-Region copy to or from a logically air-gapped vault is not available for backups of Amazon Aurora, Amazon DocumentDB and " +
    "Amazon Neptune; only a vault in the source Region accepts their copies.",
  source: {
    title: "AWS Backup Developer Guide: Logically air-gapped vault, Considerations and limitations",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/logicallyairgappedvault.html",
  },
  rationale:
    "The copy job of every Aurora recovery point fails, so the data the air gap was built for is never there. Fix: create the air-gapped " +
    "vault in the plan's region (BackupTier does) and copy across regions from it only for other resource types.",
  controls: { pci: ["3.5.1", "12.10.1"], soc2: ["A1.2", "A1.3", "CC6.1"], cis: [] },
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack, address, plan] of backupPlans(app)) {
      const engines = resourcesOfType(stack, "aws_rds_cluster")
        .map(([, c]) => String(c.engine ?? ""))
        .filter((e) => NO_CROSS_REGION_LAG.test(e));
      if (engines.length === 0) continue;
      const region = stackPlacement(stack).region;
      for (const copy of airGappedDestinations(app, stack, plan)) {
        if (region !== undefined && copy.region !== undefined && copy.region !== region) {
          problems.push({
            stack: stackName,
            address,
            message: `rule ${copy.rule} copies into the logically air-gapped vault ${copy.destination} in ${copy.region}, but the stack backs up ${engines[0]} in ${region}: such copies can't cross regions`,
          });
        }
      }
    }
    return problems;
  },
};
