import type { DeployabilityRule } from "../../../rule";
import { ephemeralReference } from "../../../rule-helpers";
import { asNumber, isTrue, type ResourceValues } from "../../../terraform-json";

const EXCLUDED_BY_RDS = ["/", '"', "@"] as const;

const RDS_PASSWORD_LENGTH = { min: 8, max: 41 } as const;

export const GeneratedMasterPasswordAccepted: DeployabilityRule = {
  id: "SUMA-DEP-205",
  title: "A generated Aurora master password fits what CreateDBCluster accepts",
  severity: "error",
  controls: { pci: ["6.5.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  resourceTypes: ["aws_rds_cluster"],
  constraint:
    'CreateDBCluster and ModifyDBCluster accept a master password of 8 to 41 printable ASCII characters without "/", \'"\' or "@". ' +
    "Secrets Manager's GetRandomPassword by default returns 32 characters drawn from all punctuation (including those three) and may include a space.",
  source: {
    title: "Amazon RDS API Reference: CreateDBCluster, Request Parameters (MasterUserPassword)",
    url: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
  },
  rationale:
    "With the generator's defaults the first apply fails on roughly every run with InvalidParameterValue, and a rotation fails the same way. " +
    "Fix: generate at most 41 characters, exclude / \" @ and spaces (EphemeralRandomPassword's defaults for RDS).",
  check: ({ values, stack }) => {
    const source = ephemeralReference(stack, values.master_password_wo);
    if (!source || source.type !== "aws_secretsmanager_random_password") return [];
    const block = ((stack as { ephemeral?: Record<string, Record<string, ResourceValues>> }).ephemeral?.[source.type]?.[
      source.name
    ] ?? {}) as ResourceValues;
    const problems: string[] = [];
    const length = asNumber(block.password_length) ?? 32;
    if (length < RDS_PASSWORD_LENGTH.min || length > RDS_PASSWORD_LENGTH.max) {
      problems.push(
        `ephemeral.${source.type}.${source.name} generates ${length} characters; RDS accepts ${RDS_PASSWORD_LENGTH.min} to ${RDS_PASSWORD_LENGTH.max}`,
      );
    }
    const excluded = typeof block.exclude_characters === "string" ? block.exclude_characters : "";
    const allowed = isTrue(block.exclude_punctuation) ? [] : EXCLUDED_BY_RDS.filter((c) => !excluded.includes(c));
    if (allowed.length > 0)
      problems.push(
        `ephemeral.${source.type}.${source.name} may generate ${allowed.map((c) => JSON.stringify(c)).join(", ")}, which RDS refuses in a master password; add them to exclude_characters`,
      );
    if (isTrue(block.include_space))
      problems.push(`ephemeral.${source.type}.${source.name} may generate a space; set include_space = false`);
    return problems;
  },
};
