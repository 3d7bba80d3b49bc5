import type { PolicyRule } from "../../rule";
import { auroraEngineFamily, show, stringsOf } from "../../rule-helpers";

/** The log each engine must export: PostgreSQL's server log (with pgaudit), MySQL's audit log. */
const REQUIRED_EXPORT = { postgresql: "postgresql", mysql: "audit" } as const;

/** Database logs leave the instance for CloudWatch Logs, where they are retained and alarmed on. */
export const AuroraLogExports: PolicyRule = {
  id: "SUMA-RDS-007",
  title: "Aurora cluster exports its database log to CloudWatch Logs",
  severity: "error",
  controls: { pci: ["10.2.1", "10.2.1.2", "10.3.3"], soc2: ["CC7.2"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  rationale:
    "Connection, authentication and pgaudit records are written to the PostgreSQL log on the instance, which RDS rotates away after " +
    "days. Exporting it to CloudWatch Logs keeps it off the database host, under the log group's retention and KMS key, where " +
    'metric filters can alarm. Fix: enabledCloudwatchLogsExports: ["postgresql"] (["audit"] for Aurora MySQL).',
  check: ({ values }) => {
    const family = auroraEngineFamily(values);
    if (family === "unknown")
      return [
        `engine ${show(values.engine)} is not an Aurora engine this rule knows; export its audit log and extend the rule`,
      ];
    const required = REQUIRED_EXPORT[family];
    return stringsOf(values.enabled_cloudwatch_logs_exports).includes(required)
      ? []
      : [
          `enabled_cloudwatch_logs_exports is ${show(values.enabled_cloudwatch_logs_exports)}, missing "${required}"; add "${required}" to enabledCloudwatchLogsExports`,
        ];
  },
};
