import type { DeployabilityAppCheck, SynthesizedApp } from "../../../rule";
import {
  asString,
  certificateNames,
  isToken,
  normalizeDnsName,
  stackAccount,
  validatedCertificate,
} from "../../../rule-helpers";
import { resourcesOfType, type ResourceValues } from "../../../terraform-json";

interface RecordDeclaration {
  readonly stack: string;
  readonly address: string;
  readonly key: string;
  readonly label: string;
}

/** What identifies a record set: account, name, type and set identifier; undefined when the name is not knowable. */
function recordDeclaration(
  app: SynthesizedApp,
  stackName: string,
  name: string,
  values: ResourceValues,
): RecordDeclaration | undefined {
  const stack = app.stacks[stackName]!;
  const account = stackAccount(stack) ?? "?";
  const setId = asString(values.set_identifier) ?? "";
  let recordName: string | undefined;
  let type = asString(values.type);
  const certificate = validatedCertificate(values);
  if (certificate) {
    const cert = stack.resource?.aws_acm_certificate?.[certificate];
    const names = cert ? certificateNames(cert) : [];
    if (names.length === 0) return undefined;
    recordName = `ACM validation record of ${[...new Set(names.map((n) => n.replace(/^\*\./, "")))].sort().join(", ")}`;
    type = "CNAME";
  } else {
    const literal = asString(values.name);
    if (literal && !isToken(literal)) recordName = normalizeDnsName(literal);
  }
  if (!recordName || !type || isToken(type)) return undefined;
  return {
    stack: stackName,
    address: `aws_route53_record.${name}`,
    key: [account, recordName, type, setId].join("\u0000"),
    label: `${recordName} ${type}${setId ? ` (set ${setId})` : ""} in account ${account}`,
  };
}

export const RecordsHaveOneOwner: DeployabilityAppCheck = {
  id: "SUMA-DEP-502",
  title: "No Route 53 record set is declared twice",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  constraint:
    "A hosted zone holds one record set per name and type (and set identifier). ChangeResourceRecordSets CREATE fails when it already exists; with allow_overwrite each apply takes it from the other declaration, and a destroy of either deletes it for both.",
  source: {
    title: "Amazon Route 53 API Reference: Change (Action CREATE, UPSERT)",
    url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_Change.html",
  },
  rationale:
    "Two stacks (or two resources) declaring the same record set either fail the second apply or take turns overwriting it, and destroying one stack breaks the other's name or certificate renewal. Fix: give the record one owner; other stacks depend on that stack (for a shared ACM validation record, see SUMA-DEP-501).",
  checkApp: (app) => {
    const declarations: RecordDeclaration[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      for (const [name, values] of resourcesOfType(stack, "aws_route53_record")) {
        const declaration = recordDeclaration(app, stackName, name, values);
        if (declaration) declarations.push(declaration);
      }
    }
    const byKey = new Map<string, RecordDeclaration[]>();
    for (const d of declarations) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
    return [...byKey.values()]
      .filter((group) => group.length > 1)
      .flatMap((group) =>
        group.map((d) => ({
          stack: d.stack,
          address: d.address,
          message: `${d.label} is also declared by ${group
            .filter((o) => o !== d)
            .map((o) => `${o.stack}/${o.address}`)
            .join(", ")}: one record set has one owner`,
        })),
      );
  },
};
