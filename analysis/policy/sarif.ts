/**
 * SARIF 2.1.0 output for GitHub code scanning. Pure TypeScript with no cdktf import.
 *
 * Each finding is a result located in `cdktf.out/stacks/<stack>/cdk.tf.json` (the artifact the
 * policy read) with the resource address as a logical location. Suppressed findings carry an
 * external suppression with the reason, so code scanning shows them as dismissed.
 */
import { createHash } from "node:crypto";
import type { PolicyReport, RuleDescriptor } from "./engine";
import type { Finding, Severity } from "./rule";

/** JSON schema address written as the log's `$schema`. */
export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
/** SARIF version the log declares and follows. */
export const SARIF_VERSION = "2.1.0";
/** Tool driver name code scanning shows beside each alert. */
export const TOOL_NAME = "suma-policy";

/** Options of the SARIF log: where the stack files are, their lines and the tool version. */
export interface SarifOptions {
  /** Directory the stacks were read from, relative to the repository root. @default "cdktf.out" */
  readonly artifactRoot?: string;
  /** The line of a resource in its stack file, for a precise annotation; see {@link resourceLines}. */
  readonly lineOf?: (stack: string, address: string) => number | undefined;
  /** The tool version shown in code scanning. @default "1.0.0" */
  readonly version?: string;
}

// The subset of SARIF 2.1.0 this module writes.
/** A SARIF 2.1.0 log, as GitHub code scanning uploads it. */
export interface SarifLog {
  /** {@link SARIF_SCHEMA}. */
  readonly $schema: string;
  /** {@link SARIF_VERSION}. */
  readonly version: "2.1.0";
  /** One run: the policy tool, its rules and its results. */
  readonly runs: readonly SarifRun[];
}
export interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly semanticVersion: string;
      readonly informationUri?: string;
      readonly rules: readonly SarifRule[];
    };
  };
  readonly results: readonly SarifResult[];
}
export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: Severity };
  readonly properties: {
    readonly tags: readonly string[];
    readonly precision: string;
    readonly "security-severity": string;
  };
}
export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: Severity;
  readonly message: { readonly text: string };
  readonly locations: ReadonlyArray<{
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string };
      readonly region?: { readonly startLine: number };
    };
    readonly logicalLocations: ReadonlyArray<{
      readonly name: string;
      readonly fullyQualifiedName: string;
      readonly kind: string;
    }>;
  }>;
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly suppressions?: ReadonlyArray<{ readonly kind: "external"; readonly justification: string }>;
}

/** `PCI-DSS-v4.0:1.3.1`, `SOC2:CC6.6`, `CIS-AWS-v3.0.0:5.2`: framework-qualified control tags. */
export function controlTags(rule: Pick<RuleDescriptor, "controls">): string[] {
  return [
    ...rule.controls.pci.map((id) => `PCI-DSS-v4.0:${id}`),
    ...rule.controls.soc2.map((id) => `SOC2:${id}`),
    ...rule.controls.cis.map((id) => `CIS-AWS-v3.0.0:${id}`),
  ];
}

/** "Every VPC has a flow log" → "EveryVpcHasAFlowLog": SARIF's rule name is an identifier. */
function pascalCase(title: string): string {
  return title
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join("");
}

function sarifRule(rule: RuleDescriptor): SarifRule {
  const controls = [
    rule.controls.pci.length > 0 ? `PCI DSS v4.0: ${rule.controls.pci.join(", ")}` : "",
    rule.controls.soc2.length > 0 ? `SOC 2: ${rule.controls.soc2.join(", ")}` : "",
    rule.controls.cis.length > 0 ? `CIS AWS Foundations v3.0.0: ${rule.controls.cis.join(", ")}` : "",
  ].filter((line) => line !== "");
  const types =
    rule.resourceTypes && rule.resourceTypes.length > 0 ? `Resource types: ${rule.resourceTypes.join(", ")}` : "";
  return {
    id: rule.id,
    name: pascalCase(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: {
      text: [rule.rationale, ...controls, types].filter((l) => l !== "").join("\n"),
      markdown: [rule.rationale, "", ...controls.map((c) => `- ${c}`), ...(types ? [`- ${types}`] : [])].join("\n"),
    },
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: ["security", "terraform", ...controlTags(rule)],
      precision: "high",
      "security-severity": rule.severity === "error" ? "8.0" : "5.0",
    },
  };
}

/** A descriptor for a finding whose rule was not passed in, built from the finding itself. */
function descriptorFromFinding(f: Finding): RuleDescriptor {
  return { id: f.ruleId, title: f.title, severity: f.severity, controls: f.controls, rationale: f.title };
}

function fingerprint(f: Finding): string {
  return createHash("sha256")
    .update([f.ruleId, f.stack, f.address, f.message].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}

/**
 * The report as a SARIF 2.1.0 log. `rules` supplies the rule metadata (descriptions, help,
 * control tags); every rule given is listed, plus any rule a finding names that was not given.
 */
export function toSarif(report: PolicyReport, rules: readonly RuleDescriptor[], options: SarifOptions = {}): SarifLog {
  const root = (options.artifactRoot ?? "cdktf.out").replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
  const descriptors = new Map<string, RuleDescriptor>();
  for (const rule of rules) if (!descriptors.has(rule.id)) descriptors.set(rule.id, rule);
  for (const f of report.findings) if (!descriptors.has(f.ruleId)) descriptors.set(f.ruleId, descriptorFromFinding(f));
  const ids = [...descriptors.keys()];
  const indexOf = new Map(ids.map((id, index) => [id, index]));

  const results = report.findings.map((f): SarifResult => {
    const line = options.lineOf?.(f.stack, f.address);
    return {
      ruleId: f.ruleId,
      ruleIndex: indexOf.get(f.ruleId)!,
      level: f.severity,
      message: { text: `${f.address} (${f.stack}): ${f.message}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: `${root}/stacks/${f.stack}/cdk.tf.json` },
            ...(line !== undefined ? { region: { startLine: line } } : {}),
          },
          logicalLocations: [{ name: f.address, fullyQualifiedName: `${f.stack}/${f.address}`, kind: "resource" }],
        },
      ],
      partialFingerprints: { "sumaPolicyFinding/v1": fingerprint(f) },
      ...(f.suppressedBecause !== undefined
        ? { suppressions: [{ kind: "external" as const, justification: f.suppressedBecause }] }
        : {}),
    };
  });

  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            semanticVersion: options.version ?? "1.0.0",
            rules: [...descriptors.values()].map(sarifRule),
          },
        },
        results,
      },
    ],
  };
}

/**
 * The 1-based line of every resource and data source in a pretty-printed `cdk.tf.json`, keyed by
 * address (`type.name`, `data.type.name`). cdktf indents with two spaces, so a resource's name
 * sits at depth 3 under `"resource"` and its type.
 */
export function resourceLines(jsonText: string): Map<string, number> {
  const lines = new Map<string, number>();
  let block: string | undefined;
  let type: string | undefined;
  jsonText.split("\n").forEach((text, index) => {
    const match = /^( *)"((?:[^"\\]|\\.)*)":\s*\{/.exec(text);
    if (!match) return;
    const depth = match[1]!.length / 2;
    const key = match[2]!;
    if (depth === 1) {
      block = key;
      type = undefined;
    } else if (depth === 2) {
      type = key;
    } else if (depth === 3 && type !== undefined && (block === "resource" || block === "data")) {
      lines.set(block === "data" ? `data.${type}.${key}` : `${type}.${key}`, index + 1);
    }
  });
  return lines;
}
