import type { PolicyRule } from "../../rule";
import { allowStatements, IDENTITY_POLICY_TYPES, isFullWildcard } from "../../rule-helpers";

/** Services that hold or guard SUMA's data: a wildcard on them grants reading, deleting or decrypting everything. */
export const DATA_SERVICES = ["rds", "rds-db", "dynamodb", "s3", "kms", "secretsmanager", "elasticache"] as const;

/** Identity policies name the data-service actions they need. */
export const IamNoDataServiceWildcards: PolicyRule = {
  id: "SUMA-IAM-001",
  title: "IAM policies grant no wildcard actions on data services",
  severity: "error",
  controls: { pci: ["7.2.1", "7.2.2", "7.2.5"], soc2: ["CC6.1", "CC6.3"], cis: [] },
  resourceTypes: [...IDENTITY_POLICY_TYPES],
  rationale:
    `An Allow of "*" or "<service>:*" on ${DATA_SERVICES.join(", ")} grants deleting clusters, snapshots, tables, buckets and ` +
    "secrets, disabling or scheduling deletion of keys, and reading every secret, wherever the resource scope is loose: least " +
    "privilege (PCI DSS 7.2) means naming actions. An Allow with NotAction grants everything not listed, including all of these. " +
    "Key policies are checked by the KMS rules, not here. Fix: list the specific actions the role uses " +
    '(e.g. "secretsmanager:GetSecretValue"), scoped to specific resource ARNs.',
  check: ({ type, values }) => {
    const { statements, problems } = allowStatements(type, values);
    for (const statement of statements) {
      const wildcards = statement.actions.filter((action) => {
        const lower = action.trim().toLowerCase();
        return isFullWildcard(lower) || DATA_SERVICES.some((service) => lower === `${service}:*`);
      });
      if (wildcards.length > 0) {
        problems.push(
          `${statement.label} allows ${wildcards.map((a) => `"${a}"`).join(", ")}; list the specific actions it needs instead`,
        );
      }
      if (statement.notActions.length > 0) {
        problems.push(
          `${statement.label} allows NotAction ${JSON.stringify(statement.notActions)}, which grants every other action including all data-service actions; use Action with the specific actions`,
        );
      }
    }
    return problems;
  },
};
