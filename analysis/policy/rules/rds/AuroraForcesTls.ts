import type { PolicyRule } from "../../rule";
import { isSet } from "../../terraform-json";
import { auroraEngineFamily, blocksOf, referencedResource, show } from "../../rule-helpers";

/** The cluster parameter that refuses unencrypted connections, per engine, and the values that turn it on. */
const FORCE_TLS = {
  postgresql: { parameter: "rds.force_ssl", accepted: ["1"] },
  mysql: { parameter: "require_secure_transport", accepted: ["1", "ON", "on"] },
} as const;

/** The cluster's parameter group refuses connections that are not TLS. */
export const AuroraForcesTls: PolicyRule = {
  id: "SUMA-RDS-008",
  title: "Aurora cluster parameter group forces TLS connections",
  severity: "error",
  controls: { pci: ["4.2.1", "8.3.2"], soc2: ["CC6.7"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  rationale:
    "Without rds.force_ssl = 1 a client that does not ask for TLS (a misconfigured driver, a debugging psql) sends credentials and " +
    "account data in clear text across the VPC. The default parameter group cannot be changed, so the cluster needs its own " +
    "aws_rds_cluster_parameter_group in the same stack that sets the parameter. Fix: create one with " +
    'parameter { name = "rds.force_ssl", value = "1" } (require_secure_transport = ON for Aurora MySQL) and set ' +
    "dbClusterParameterGroupName to its name.",
  check: ({ values, stack }) => {
    const family = auroraEngineFamily(values);
    if (family === "unknown")
      return [
        `engine ${show(values.engine)} is not an Aurora engine this rule knows; force TLS in its parameter group and extend the rule`,
      ];
    const { parameter, accepted } = FORCE_TLS[family];
    const groupName = values.db_cluster_parameter_group_name;
    if (!isSet(groupName)) {
      return [
        `db_cluster_parameter_group_name is not set, so the default group applies and ${parameter} cannot be set; create an aws_rds_cluster_parameter_group with ${parameter} = ${accepted[0]} and set dbClusterParameterGroupName`,
      ];
    }
    const group = referencedResource(stack, "aws_rds_cluster_parameter_group", groupName, ["name", "id"], ["name"]);
    if (!group) {
      return [
        `db_cluster_parameter_group_name ${show(groupName)} is not an aws_rds_cluster_parameter_group in this stack, so ${parameter} cannot be verified; define the group in this stack with ${parameter} = ${accepted[0]}`,
      ];
    }
    const [name, groupValues] = group;
    const setting = blocksOf(groupValues.parameter).find((p) => p.name === parameter);
    const value = setting?.value;
    if (typeof value === "string" && (accepted as readonly string[]).includes(value)) return [];
    if (typeof value === "number" && value === 1) return [];
    return [
      `aws_rds_cluster_parameter_group.${name} sets ${parameter} to ${show(value)}; add parameter { name: "${parameter}", value: "${accepted[0]}" }`,
    ];
  },
};
