import type { DeployabilityRule } from "../../../rule";
import { asNumber, isSet } from "../../../terraform-json";

const WRITE_ONLY_PAIRS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  aws_rds_cluster: [["master_password_wo", "master_password_wo_version"]],
  aws_secretsmanager_secret_version: [["secret_string_wo", "secret_string_wo_version"]],
  aws_db_instance: [["password_wo", "password_wo_version"]],
};

export const WriteOnlyWithVersion: DeployabilityRule = {
  id: "SUMA-DEP-202",
  title: "A write-only argument comes with its version argument, and the version is a whole number from 1",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: Object.keys(WRITE_ONLY_PAIRS),
  constraint:
    "The AWS provider requires each write-only argument together with its *_wo_version (RequiredWith both ways) and only sends the " +
    "write-only value when the version changes; Terraform never stores the value, so the version is the only way to trigger an update.",
  source: {
    title: "AWS provider: aws_rds_cluster, Argument Reference (master_password_wo, master_password_wo_version)",
    url: "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#master_password_wo_version",
  },
  rationale:
    "Without the version the plan fails validation, and a later password change could never reach the cluster or the secret. Fix: set the " +
    "*_wo_version argument (AuroraPostgresCluster does, from masterPassword.version) and raise it to rotate.",
  check: ({ type, values }) => {
    const problems: string[] = [];
    for (const [argument, version] of WRITE_ONLY_PAIRS[type] ?? []) {
      const hasValue = isSet(values[argument]);
      const hasVersion = values[version] !== undefined && values[version] !== null;
      if (hasValue && !hasVersion)
        problems.push(
          `${argument} is set without ${version}; the provider refuses it and could never send a new value`,
        );
      if (!hasValue && hasVersion) problems.push(`${version} is set without ${argument}; the provider refuses it`);
      const n = asNumber(values[version]);
      if (hasVersion && typeof values[version] !== "string" && !(n !== undefined && Number.isInteger(n) && n >= 1)) {
        problems.push(`${version} is ${JSON.stringify(values[version])}; it must be a whole number from 1`);
      }
    }
    return problems;
  },
};
