import { walkStrings } from "../../../json-walk";
import type { DeployabilityRule } from "../../../rule";

export const EphemeralOnlyInWriteOnly: DeployabilityRule = {
  id: "SUMA-DEP-209",
  title: "Ephemeral values go only into write-only arguments",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: [
    "aws_rds_cluster",
    "aws_db_instance",
    "aws_secretsmanager_secret_version",
    "aws_ssm_parameter",
    "aws_ecs_task_definition",
    "aws_elasticache_user",
  ],
  constraint:
    "Terraform refuses an ephemeral value (a reference into an ephemeral block) in any resource argument except a write-only one, " +
    "because every other argument is stored in the plan and the state.",
  source: {
    title: "Terraform language: Ephemeral values in resources, Reference ephemeral resources (write-only arguments)",
    url: "https://developer.hashicorp.com/terraform/language/manage-sensitive-data/ephemeral",
  },
  rationale:
    "A generated password wired into master_password or secret_string instead of its *_wo twin fails the plan (and would store the " +
    "secret if it did not). Fix: use the write-only argument with its version (master_password_wo, secret_string_wo).",
  check: ({ values }) => {
    const problems: string[] = [];
    for (const [argument, value] of Object.entries(values)) {
      if (argument.endsWith("_wo") || argument === "//") continue;
      walkStrings({ [argument]: value }, ({ path, value: text }) => {
        if (/\bephemeral\.[A-Za-z0-9_]+\.[A-Za-z0-9_-]+/.test(text))
          problems.push(
            `${path} uses an ephemeral value, which Terraform accepts only in a write-only argument; use the argument's *_wo form`,
          );
      });
    }
    return problems;
  },
};
