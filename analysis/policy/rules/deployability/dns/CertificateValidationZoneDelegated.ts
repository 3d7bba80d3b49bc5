import type { AppProblem, DeployabilityAppCheck, SynthesizedApp } from "../../../rule";
import {
  appliedBefore,
  asString,
  awsProviderBlocks,
  certificateNames,
  isToken,
  normalizeDnsName,
  resourceRegion,
  stackAccount,
  stackDocument,
  type StackDocument,
  validatedCertificate,
} from "../../../rule-helpers";
import { resourcesOfType, type ResourceValues } from "../../../terraform-json";

const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

/** A hosted zone a zone id expression comes from. */
type ZoneSource =
  | { readonly kind: "existing" }
  | { readonly kind: "created"; readonly stack: string; readonly resource: string; readonly name: string };

/** Follows a zone id expression to the hosted zone it names, across stacks (remote state, SSM parameters). */
function resolveZone(app: SynthesizedApp, stackName: string, expression: unknown, depth = 0): ZoneSource | undefined {
  const stack = app.stacks[stackName];
  const value = asString(expression);
  if (!stack || !value || depth > 5) return undefined;
  if (HOSTED_ZONE_ID.test(value)) return { kind: "existing" };
  const zone = value.match(/^\$\{aws_route53_zone\.([A-Za-z0-9_-]+)\.(zone_id|id)\}$/);
  if (zone) {
    const name = asString(stack.resource?.aws_route53_zone?.[zone[1]!]?.name);
    return name ? { kind: "created", stack: stackName, resource: zone[1]!, name: normalizeDnsName(name) } : undefined;
  }
  if (/^\$\{data\.aws_route53_zone\.[A-Za-z0-9_-]+\.(zone_id|id)\}$/.test(value)) return { kind: "existing" };
  const parameter = value.match(/^\$\{data\.aws_ssm_parameter\.([A-Za-z0-9_-]+)\.(insecure_value|value)\}$/);
  if (parameter) {
    const read = stackDocument(stack).data?.aws_ssm_parameter?.[parameter[1]!];
    const readRegion = read && resourceRegion(stack, read);
    for (const [otherName, other] of Object.entries(app.stacks)) {
      if (stackAccount(other) !== stackAccount(stack)) continue;
      for (const [, written] of resourcesOfType(other, "aws_ssm_parameter")) {
        if (written.name === read?.name && resourceRegion(other, written) === readRegion) {
          return resolveZone(app, otherName, written.insecure_value ?? written.value, depth + 1);
        }
      }
    }
    return undefined;
  }
  const remote = value.match(/^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_.-]+)\}$/);
  if (remote) {
    const config = stackDocument(stack).data?.terraform_remote_state?.[remote[1]!]?.config as
      Readonly<Record<string, unknown>> | undefined;
    const workspace = (config?.workspaces as Readonly<Record<string, unknown>> | undefined)?.name;
    for (const [otherName, other] of Object.entries(app.stacks)) {
      const backend = stackDocument(other).terraform?.backend?.s3;
      const cloudWorkspace = (
        stackDocument(other).terraform?.cloud?.workspaces as Readonly<Record<string, unknown>> | undefined
      )?.name;
      const same = backend
        ? backend.bucket === config?.bucket && backend.key === config?.key
        : workspace !== undefined && cloudWorkspace === workspace;
      if (same) return resolveZone(app, otherName, stackDocument(other).output?.[remote[2]!]?.value, depth + 1);
    }
  }
  return undefined;
}

/** Every aws_route53_zone the app creates, with its stack. */
function createdZones(app: SynthesizedApp): Array<{ stack: string; resource: string; name: string }> {
  return Object.entries(app.stacks).flatMap(([stack, json]) =>
    resourcesOfType(json, "aws_route53_zone").flatMap(([resource, values]) => {
      const name = asString(values.name);
      return name && !isToken(name) ? [{ stack, resource, name: normalizeDnsName(name) }] : [];
    }),
  );
}

/** The account a resource or data source acts in: its provider alias's pinned account, or the stack's. */
function accountOf(stack: StackDocument, values: ResourceValues): string | undefined {
  const alias = asString(values.provider)?.match(/^aws\.(.+)$/)?.[1];
  if (!alias) return stackAccount(stack);
  const ids = awsProviderBlocks(stack).find((p) => p.alias === alias)?.allowed_account_ids;
  return Array.isArray(ids) && typeof ids[0] === "string" ? ids[0] : undefined;
}

/** The account that holds the zone the app creates under a name, if any. */
function zoneAccount(app: SynthesizedApp, zoneName: string): string | undefined {
  const created = createdZones(app).find((z) => z.name === zoneName);
  return created ? stackAccount(app.stacks[created.stack]!) : undefined;
}

/**
 * The stacks holding the zone's delegation: an NS record named after the zone, written into a
 * strictly enclosing zone: one the same stack creates, or one looked up by name through a
 * provider pinned to the account that holds that zone (a child account writing its delegation
 * into its parent's zone through an assumed role), or an existing zone given by id.
 */
function delegationsOf(app: SynthesizedApp, zoneName: string): string[] {
  const encloses = (parent: string) => parent !== zoneName && zoneName.endsWith(`.${parent}`);
  return Object.entries(app.stacks)
    .filter(([, json]) =>
      resourcesOfType(json, "aws_route53_record").some(([, r]) => {
        if (r.type !== "NS" || typeof r.name !== "string" || normalizeDnsName(r.name) !== zoneName) return false;
        const zoneId = asString(r.zone_id) ?? "";
        if (HOSTED_ZONE_ID.test(zoneId)) return true;
        const created = zoneId.match(/^\$\{aws_route53_zone\.([A-Za-z0-9_-]+)\.(zone_id|id)\}$/)?.[1];
        if (created) {
          const name = asString(json.resource?.aws_route53_zone?.[created]?.name);
          return name !== undefined && encloses(normalizeDnsName(name));
        }
        const looked = zoneId.match(/^\$\{data\.aws_route53_zone\.([A-Za-z0-9_-]+)\.(zone_id|id)\}$/)?.[1];
        const lookup = looked ? stackDocument(json).data?.aws_route53_zone?.[looked] : undefined;
        const parentName = asString(lookup?.name);
        if (!lookup || !parentName || !encloses(normalizeDnsName(parentName))) return false;
        const holder = zoneAccount(app, normalizeDnsName(parentName));
        return holder === undefined || holder === accountOf(stackDocument(json), lookup);
      }),
    )
    .map(([stack]) => stack);
}

const inZone = (name: string, zone: string): boolean => {
  const bare = name.replace(/^\*\./, "");
  return bare === zone || bare.endsWith(`.${zone}`);
};

/** Problems with where a certificate's validation record goes: the zone, its delegation, the apply order. */
function zoneProblems(app: SynthesizedApp, stackName: string, names: readonly string[], zone: ZoneSource): string[] {
  if (zone.kind === "existing") return [];
  const problems: string[] = [];
  const outside = names.filter((n) => !inZone(n, zone.name));
  if (outside.length > 0)
    problems.push(
      `${outside.join(", ")} is not in zone ${zone.name}, where its validation record goes: no resolver looks there for it`,
    );
  const delegating = delegationsOf(app, zone.name);
  const after = appliedBefore(app, stackName);
  if (delegating.length > 0) {
    if (!delegating.some((s) => s === stackName || after.has(s))) {
      problems.push(
        `zone ${zone.name} is delegated by ${delegating.join(", ")}, but this stack is not applied after it: validation can time out before the delegation exists`,
      );
    }
    return problems;
  }
  const parent = createdZones(app)
    .filter((z) => z.name !== zone.name && zone.name.endsWith(`.${z.name}`))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (parent) {
    problems.push(
      `zone ${zone.name} is inside ${parent.name} (${parent.stack}) but no NS record in ${parent.name}'s account delegates it: resolvers never reach it, so the certificate never validates`,
    );
    return problems;
  }
  const zoneStack = app.stacks[zone.stack];
  const nameServers = `aws_route53_zone.${zone.resource}.name_servers`;
  const outputs = Object.entries(stackDocument(zoneStack ?? {}).output ?? {}).filter(
    ([id, o]) => !id.startsWith("cross-stack-output-") && asString(o.value)?.includes(nameServers),
  );
  if (outputs.length === 0) {
    problems.push(
      `zone ${zone.name} has no parent zone here and ${zone.stack} outputs no name servers for it: the registrar's NS records can't be set, so the certificate never validates`,
    );
  }
  return problems;
}

/** The certificate's validation records in its own stack: a problem for each whose zone resolvers can't reach. */
function validationRecordProblems(
  app: SynthesizedApp,
  stackName: string,
  names: readonly string[],
  records: ReadonlyArray<[string, ResourceValues]>,
): AppProblem[] {
  return records.flatMap(([recordName, record]) => {
    const zone = resolveZone(app, stackName, record.zone_id);
    const found = zone
      ? zoneProblems(app, stackName, names, zone)
      : [
          `the validation record's zone_id ${JSON.stringify(record.zone_id)} is neither a zone this app creates nor an existing zone's id: nothing shows the record is where resolvers look`,
        ];
    return found.map((message) => ({ stack: stackName, address: `aws_route53_record.${recordName}`, message }));
  });
}

/**
 * A certificate without records of its own that waits for validation: the record must be written by a stack of the
 * same account with a certificate for the same names, applied before this one.
 */
function borrowedRecordProblems(
  app: SynthesizedApp,
  stackName: string,
  certName: string,
  names: readonly string[],
): AppProblem[] {
  const stack = app.stacks[stackName]!;
  const address = `aws_acm_certificate.${certName}`;
  const waits = resourcesOfType(stack, "aws_acm_certificate_validation").some(
    ([, v]) =>
      v.certificate_arn === `\${aws_acm_certificate.${certName}.arn}` && v.validation_record_fqdns === undefined,
  );
  if (!waits) return [];
  // The record another certificate for the same names in the same account writes.
  const owners = Object.entries(app.stacks).filter(
    ([otherName, other]) =>
      otherName !== stackName &&
      stackAccount(other) === stackAccount(stack) &&
      resourcesOfType(other, "aws_acm_certificate").some(
        ([otherCert, values]) =>
          names.every((n) => certificateNames(values).includes(n)) &&
          resourcesOfType(other, "aws_route53_record").some(([, r]) => validatedCertificate(r) === otherCert),
      ),
  );
  const after = appliedBefore(app, stackName);
  if (owners.length === 0) {
    return [
      {
        stack: stackName,
        address,
        message: `no stack writes the validation record for ${names.join(", ")} in this account: the certificate never validates`,
      },
    ];
  }
  if (!owners.some(([o]) => after.has(o))) {
    return [
      {
        stack: stackName,
        address,
        message: `waits on the validation record ${owners.map(([o]) => o).join(", ")} writes, but is not applied after it: the first apply can time out`,
      },
    ];
  }
  return [];
}

export const CertificateValidationZoneDelegated: DeployabilityAppCheck = {
  id: "SUMA-DEP-505",
  title: "A DNS-validated certificate's record goes into a zone that is delegated to",
  severity: "error",
  controls: { pci: ["4.2.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  constraint:
    "ACM validates by resolving the validation CNAME from the public DNS, so the record must be in the zone resolvers reach for that name: a zone delegated from its parent by NS records (or by the registrar for an apex zone). A subdomain's hosted zone answers nothing until the parent zone holds NS records for it.",
  source: {
    title:
      "Amazon Route 53 Developer Guide: Routing traffic for subdomains (adding NS records for the subdomain to the parent zone)",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/CreatingNewSubdomain.html",
  },
  rationale:
    "A certificate whose validation record is written into a zone that is neither delegated here (an NS record in its parent, applied first), nor an apex zone whose name servers are output for the registrar, nor an existing zone given by id, stays PENDING_VALIDATION until aws_acm_certificate_validation times out, and ACM gives up after 72 hours. Fix: create the zone's NS record in its parent zone (across accounts: from the child zone's stack, through a provider that assumes a delegation role in the parent's account and is pinned to it), order the certificate's stack after the stack that writes it, or give the existing zone's id in config.",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      for (const [certName, cert] of resourcesOfType(stack, "aws_acm_certificate")) {
        if (cert.validation_method !== "DNS") continue;
        const names = certificateNames(cert);
        const records = resourcesOfType(stack, "aws_route53_record").filter(
          ([, r]) => validatedCertificate(r) === certName,
        );
        problems.push(
          ...(records.length > 0
            ? validationRecordProblems(app, stackName, names, records)
            : borrowedRecordProblems(app, stackName, certName, names)),
        );
      }
    }
    return problems;
  },
};
