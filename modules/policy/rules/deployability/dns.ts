/**
 * Deployability rules: DNS zones, delegation, certificate validation, and a DR stack that plans
 * without the primary region. Pure: reads synthesized JSON only.
 */
import type { ControlMapping } from "../../rule";
import { isTrue, type ResourceValues, type TerraformJson } from "../../terraform-json";
import type { AppProblem, DeployabilityAppCheck, DeployabilityRule, SynthesizedApp } from "./rule";

/** The parts of a synthesized stack these checks read besides its resources. */
interface StackDocument extends TerraformJson {
  readonly data?: Readonly<Record<string, Readonly<Record<string, ResourceValues>>>>;
  readonly provider?: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, unknown>>>>>;
  readonly output?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly terraform?: {
    readonly backend?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    readonly cloud?: Readonly<Record<string, unknown>>;
  };
}

const CONTROLS: ControlMapping = { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] };
const CERT_CONTROLS: ControlMapping = { pci: ["4.2.1"], soc2: ["CC8.1", "A1.2"], cis: [] };

const doc = (stack: TerraformJson): StackDocument => stack as StackDocument;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const isToken = (v: string): boolean => v.includes("${");
const normalize = (name: string): string => name.toLowerCase().replace(/\.$/, "");
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

// ---- Stack facts ---------------------------------------------------------------------------------

function awsProviders(stack: StackDocument): ReadonlyArray<Readonly<Record<string, unknown>>> {
  return stack.provider?.aws ?? [];
}

/** The region of the stack's default AWS provider (the one without an alias). */
export function stackRegion(stack: TerraformJson): string | undefined {
  const providers = awsProviders(doc(stack));
  return str((providers.find((p) => p.alias === undefined) ?? providers[0])?.region);
}

/** The account the stack's default AWS provider is pinned to. */
function stackAccount(stack: TerraformJson): string | undefined {
  const providers = awsProviders(doc(stack));
  const ids = (providers.find((p) => p.alias === undefined) ?? providers[0])?.allowed_account_ids;
  return Array.isArray(ids) && typeof ids[0] === "string" ? ids[0] : undefined;
}

/** The region a resource or data source acts in: its `region` argument, its provider alias's region, or the stack's. */
function regionOf(stack: StackDocument, values: ResourceValues): string | undefined {
  const own = str(values.region);
  if (own && !isToken(own)) return own;
  const provider = str(values.provider);
  const alias = provider?.match(/^aws\.(.+)$/)?.[1];
  if (alias) return str(awsProviders(stack).find((p) => p.alias === alias)?.region);
  return stackRegion(stack);
}

/** Every stack the given one is applied after, directly or through others. */
function appliedAfter(app: SynthesizedApp, stackName: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...(app.dependencies[stackName] ?? [])];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(app.dependencies[next] ?? []));
  }
  return seen;
}

function resources(stack: TerraformJson, type: string): Array<[string, ResourceValues]> {
  return Object.entries(stack.resource?.[type] ?? {});
}

function dataSources(stack: TerraformJson, type: string): Array<[string, ResourceValues]> {
  return Object.entries(doc(stack).data?.[type] ?? {});
}

/** A certificate's literal names, wildcards included. */
function certificateNames(values: ResourceValues): string[] {
  const sans = Array.isArray(values.subject_alternative_names) ? values.subject_alternative_names : [];
  return [values.domain_name, ...sans].filter((n): n is string => typeof n === "string" && !isToken(n)).map(normalize);
}

/** The certificate whose validation options a record's for_each iterates, if any. */
function validatedCertificate(values: ResourceValues): string | undefined {
  return str(values.for_each)?.match(/aws_acm_certificate\.([A-Za-z0-9_-]+)\.domain_validation_options/)?.[1];
}

/** True for an ACM validation record: for_each over a certificate's options, or a literal `_token.name` CNAME. */
function isValidationRecord(values: ResourceValues): boolean {
  if (validatedCertificate(values)) return true;
  if (str(values.name)?.includes("resource_record_name")) return true;
  const name = str(values.name);
  return values.type === "CNAME" && name !== undefined && !isToken(name) && /^_[a-f0-9]{32}\./.test(name);
}

// ---- SUMA-DEP-501 ---------------------------------------------------------------------------------

const validationRecordOverwrite: DeployabilityRule = {
  id: "SUMA-DEP-501",
  title: "ACM validation records have one owner (no allow_overwrite)",
  severity: "error",
  controls: CERT_CONTROLS,
  resourceTypes: ["aws_route53_record"],
  constraint:
    "ACM gives every certificate for a domain name in one account the same validation CNAME, in every region, and renews each certificate only while that record stays in place. A second record resource with allow_overwrite silently takes the record over, and destroying either resource deletes it for both.",
  source: { title: "AWS Certificate Manager User Guide: DNS validation", url: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html" },
  rationale:
    "allow_overwrite on a validation record hides a second owner: two certificates (e.g. a primary's and its DR copy's) fight over one CNAME, and a destroy in one stack deletes the record the other renews with. Fix: let one stack own the record without allow_overwrite, and give the other certificate an aws_acm_certificate_validation without validation_record_fqdns, in a stack applied after the owner's (DnsValidatedCertificate with validationRecords: \"existing\").",
  check: ({ values }) =>
    isValidationRecord(values) && isTrue(values.allow_overwrite)
      ? ["allow_overwrite = true on an ACM validation record: the record has a second owner that can overwrite or delete it; give it one owner and let other certificates wait on it"]
      : [],
};

// ---- SUMA-DEP-502 ---------------------------------------------------------------------------------

interface RecordDeclaration {
  readonly stack: string;
  readonly address: string;
  readonly key: string;
  readonly label: string;
}

/** What identifies a record set: account, name, type and set identifier; undefined when the name is not knowable. */
function recordDeclaration(app: SynthesizedApp, stackName: string, name: string, values: ResourceValues): RecordDeclaration | undefined {
  const stack = app.stacks[stackName]!;
  const account = stackAccount(stack) ?? "?";
  const setId = str(values.set_identifier) ?? "";
  let recordName: string | undefined;
  let type = str(values.type);
  const certificate = validatedCertificate(values);
  if (certificate) {
    const cert = stack.resource?.aws_acm_certificate?.[certificate];
    const names = cert ? certificateNames(cert) : [];
    if (names.length === 0) return undefined;
    recordName = `ACM validation record of ${[...new Set(names.map((n) => n.replace(/^\*\./, "")))].sort().join(", ")}`;
    type = "CNAME";
  } else {
    const literal = str(values.name);
    if (literal && !isToken(literal)) recordName = normalize(literal);
  }
  if (!recordName || !type || isToken(type)) return undefined;
  return {
    stack: stackName,
    address: `aws_route53_record.${name}`,
    key: [account, recordName, type, setId].join("\u0000"),
    label: `${recordName} ${type}${setId ? ` (set ${setId})` : ""} in account ${account}`,
  };
}

const recordsHaveOneOwner: DeployabilityAppCheck = {
  id: "SUMA-DEP-502",
  title: "No Route 53 record set is declared twice",
  severity: "error",
  controls: CONTROLS,
  constraint:
    "A hosted zone holds one record set per name and type (and set identifier). ChangeResourceRecordSets CREATE fails when it already exists; with allow_overwrite each apply takes it from the other declaration, and a destroy of either deletes it for both.",
  source: { title: "Amazon Route 53 API Reference: Change (Action CREATE, UPSERT)", url: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_Change.html" },
  rationale:
    "Two stacks (or two resources) declaring the same record set either fail the second apply or take turns overwriting it, and destroying one stack breaks the other's name or certificate renewal. Fix: give the record one owner; other stacks depend on that stack (for a shared ACM validation record, see SUMA-DEP-501).",
  checkApp: (app) => {
    const declarations: RecordDeclaration[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      for (const [name, values] of resources(stack, "aws_route53_record")) {
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

// ---- SUMA-DEP-503 ---------------------------------------------------------------------------------

const noCrossRegionReads: DeployabilityAppCheck = {
  id: "SUMA-DEP-503",
  title: "A stack's plan reads nothing from another region",
  severity: "error",
  controls: CONTROLS,
  constraint:
    "terraform_remote_state reads the other configuration's state object from its backend at every plan, and a data source reads its API at every plan. State or an API in another region is unreachable while that region is down, so the plan of a stack meant to recover from that outage (the DR stack) fails.",
  source: {
    title: "AWS Fault Isolation Boundaries whitepaper: Global services (recovery path without another Region's control plane)",
    url: "https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html",
  },
  rationale:
    "A DR stack that reads the primary region's state (a cdktf cross-stack reference into a stack of another region) or calls an API there can't be planned during the outage it exists for. Fix: take the value from config, or publish it into this stack's region (e.g. an SSM parameter written by the producing stack with region set to this one, read by a data source here), and order the stacks with a dependency instead of a reference.",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      const region = stackRegion(stack);
      if (!region) continue;
      for (const [name, values] of dataSources(stack, "terraform_remote_state")) {
        const config = values.config as Readonly<Record<string, unknown>> | undefined;
        const stateRegion = str(config?.region);
        if (values.backend === "s3" && stateRegion && stateRegion !== region) {
          problems.push({
            stack: stackName,
            address: `data.terraform_remote_state.${name}`,
            message: `reads state "${str(config?.key) ?? "?"}" from bucket "${str(config?.bucket) ?? "?"}" in ${stateRegion}, but this stack is in ${region}: its plan fails while ${stateRegion} is down`,
          });
        }
      }
      for (const [type, byName] of Object.entries(doc(stack).data ?? {})) {
        if (type === "terraform_remote_state") continue;
        for (const [name, values] of Object.entries(byName)) {
          const at = regionOf(doc(stack), values);
          if (at && at !== region) {
            problems.push({ stack: stackName, address: `data.${type}.${name}`, message: `reads from ${at}, but this stack is in ${region}: its plan fails while ${at} is down` });
          }
        }
      }
    }
    return problems;
  },
};

// ---- SUMA-DEP-504 ---------------------------------------------------------------------------------

/** Where the Route 53 and IAM (and other global services') control planes run in the aws partition. */
export const GLOBAL_CONTROL_PLANE_REGION = "us-east-1";

/** Data sources served by a global service's control plane (IAM, Route 53, Organizations, CloudFront). */
const GLOBAL_CONTROL_PLANE_DATA = /^aws_(iam_(?!policy_document$)|route53_(?!resolver)|organizations_|cloudfront_)/;

const noGlobalControlPlaneInRecovery: DeployabilityAppCheck = {
  id: "SUMA-DEP-504",
  title: "A stack in another region than us-east-1 reads no global control plane",
  severity: "error",
  controls: CONTROLS,
  constraint:
    "IAM, Route 53, Organizations and CloudFront run their control planes in us-east-1; only their data planes (DNS answers, health checks, STS and authorization) are spread over Regions. A data source over one of them calls us-east-1 at every plan.",
  source: {
    title: "AWS Fault Isolation Boundaries whitepaper: Global services (partitional services and edge network services)",
    url: "https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/global-services.html",
  },
  rationale:
    "In an account that also deploys to us-east-1, a stack elsewhere is the one that must plan while us-east-1 is impaired; a data source such as aws_route53_zone or aws_iam_role there makes its plan depend on us-east-1. Fix: take ids and ARNs from config or build them (an IAM ARN follows from account id and name), or publish them into this region.",
  checkApp: (app) => {
    const accountsInControlRegion = new Set(
      Object.values(app.stacks)
        .filter((s) => stackRegion(s) === GLOBAL_CONTROL_PLANE_REGION)
        .map((s) => stackAccount(s)),
    );
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      const region = stackRegion(stack);
      if (!region || region === GLOBAL_CONTROL_PLANE_REGION || !accountsInControlRegion.has(stackAccount(stack))) continue;
      for (const [type, byName] of Object.entries(doc(stack).data ?? {})) {
        if (!GLOBAL_CONTROL_PLANE_DATA.test(type)) continue;
        for (const name of Object.keys(byName)) {
          problems.push({
            stack: stackName,
            address: `data.${type}.${name}`,
            message: `${type} calls a control plane in ${GLOBAL_CONTROL_PLANE_REGION} at every plan; this ${region} stack can't be planned while ${GLOBAL_CONTROL_PLANE_REGION} is impaired`,
          });
        }
      }
    }
    return problems;
  },
};

// ---- SUMA-DEP-505 ---------------------------------------------------------------------------------

/** A hosted zone a zone id expression comes from. */
type ZoneSource = { readonly kind: "existing" } | { readonly kind: "created"; readonly stack: string; readonly resource: string; readonly name: string };

/** Follows a zone id expression to the hosted zone it names, across stacks (remote state, SSM parameters). */
function resolveZone(app: SynthesizedApp, stackName: string, expression: unknown, depth = 0): ZoneSource | undefined {
  const stack = app.stacks[stackName];
  const value = str(expression);
  if (!stack || !value || depth > 5) return undefined;
  if (HOSTED_ZONE_ID.test(value)) return { kind: "existing" };
  const zone = value.match(/^\$\{aws_route53_zone\.([A-Za-z0-9_-]+)\.(zone_id|id)\}$/);
  if (zone) {
    const name = str(stack.resource?.aws_route53_zone?.[zone[1]!]?.name);
    return name ? { kind: "created", stack: stackName, resource: zone[1]!, name: normalize(name) } : undefined;
  }
  if (/^\$\{data\.aws_route53_zone\.[A-Za-z0-9_-]+\.(zone_id|id)\}$/.test(value)) return { kind: "existing" };
  const parameter = value.match(/^\$\{data\.aws_ssm_parameter\.([A-Za-z0-9_-]+)\.(insecure_value|value)\}$/);
  if (parameter) {
    const read = doc(stack).data?.aws_ssm_parameter?.[parameter[1]!];
    const readRegion = read && regionOf(doc(stack), read);
    for (const [otherName, other] of Object.entries(app.stacks)) {
      if (stackAccount(other) !== stackAccount(stack)) continue;
      for (const [, written] of resources(other, "aws_ssm_parameter")) {
        if (written.name === read?.name && regionOf(doc(other), written) === readRegion) {
          return resolveZone(app, otherName, written.insecure_value ?? written.value, depth + 1);
        }
      }
    }
    return undefined;
  }
  const remote = value.match(/^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_.-]+)\}$/);
  if (remote) {
    const config = doc(stack).data?.terraform_remote_state?.[remote[1]!]?.config as Readonly<Record<string, unknown>> | undefined;
    const workspace = (config?.workspaces as Readonly<Record<string, unknown>> | undefined)?.name;
    for (const [otherName, other] of Object.entries(app.stacks)) {
      const backend = doc(other).terraform?.backend?.s3;
      const cloudWorkspace = (doc(other).terraform?.cloud?.workspaces as Readonly<Record<string, unknown>> | undefined)?.name;
      const same = backend ? backend.bucket === config?.bucket && backend.key === config?.key : workspace !== undefined && cloudWorkspace === workspace;
      if (same) return resolveZone(app, otherName, doc(other).output?.[remote[2]!]?.value, depth + 1);
    }
  }
  return undefined;
}

/** Every aws_route53_zone the app creates, with its stack. */
function createdZones(app: SynthesizedApp): Array<{ stack: string; resource: string; name: string }> {
  return Object.entries(app.stacks).flatMap(([stack, json]) =>
    resources(json, "aws_route53_zone").flatMap(([resource, values]) => {
      const name = str(values.name);
      return name && !isToken(name) ? [{ stack, resource, name: normalize(name) }] : [];
    }),
  );
}

/** The stacks holding an NS record named after the zone: its delegation from a parent. */
function delegationsOf(app: SynthesizedApp, zoneName: string): string[] {
  return Object.entries(app.stacks)
    .filter(([, json]) => resources(json, "aws_route53_record").some(([, r]) => r.type === "NS" && typeof r.name === "string" && normalize(r.name) === zoneName))
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
  if (outside.length > 0) problems.push(`${outside.join(", ")} is not in zone ${zone.name}, where its validation record goes: no resolver looks there for it`);
  const delegating = delegationsOf(app, zone.name);
  const after = appliedAfter(app, stackName);
  if (delegating.length > 0) {
    if (!delegating.some((s) => s === stackName || after.has(s))) {
      problems.push(`zone ${zone.name} is delegated by ${delegating.join(", ")}, but this stack is not applied after it: validation can time out before the delegation exists`);
    }
    return problems;
  }
  const parent = createdZones(app)
    .filter((z) => z.name !== zone.name && zone.name.endsWith(`.${z.name}`))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (parent) {
    problems.push(`zone ${zone.name} is inside ${parent.name} (${parent.stack}) but no NS record delegates it: resolvers never reach it, so the certificate never validates`);
    return problems;
  }
  const zoneStack = app.stacks[zone.stack];
  const nameServers = `aws_route53_zone.${zone.resource}.name_servers`;
  const outputs = Object.entries(doc(zoneStack ?? {}).output ?? {}).filter(([id, o]) => !id.startsWith("cross-stack-output-") && str(o.value)?.includes(nameServers));
  if (outputs.length === 0) {
    problems.push(`zone ${zone.name} has no parent zone here and ${zone.stack} outputs no name servers for it: the registrar's NS records can't be set, so the certificate never validates`);
  }
  return problems;
}

const certificatesValidate: DeployabilityAppCheck = {
  id: "SUMA-DEP-505",
  title: "A DNS-validated certificate's record goes into a zone that is delegated to",
  severity: "error",
  controls: CERT_CONTROLS,
  constraint:
    "ACM validates by resolving the validation CNAME from the public DNS, so the record must be in the zone resolvers reach for that name: a zone delegated from its parent by NS records (or by the registrar for an apex zone). A subdomain's hosted zone answers nothing until the parent zone holds NS records for it.",
  source: {
    title: "Amazon Route 53 Developer Guide: Routing traffic for subdomains (adding NS records for the subdomain to the parent zone)",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/CreatingNewSubdomain.html",
  },
  rationale:
    "A certificate whose validation record is written into a zone that is neither delegated here (an NS record in its parent, applied first), nor an apex zone whose name servers are output for the registrar, nor an existing zone given by id, stays PENDING_VALIDATION until aws_acm_certificate_validation times out, and ACM gives up after 72 hours. Fix: create the zone's NS record in its parent's stack (cross-stack reference to its name servers), order the certificate's stack after it, or give the existing zone's id in config.",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      for (const [certName, cert] of resources(stack, "aws_acm_certificate")) {
        if (cert.validation_method !== "DNS") continue;
        const names = certificateNames(cert);
        const address = `aws_acm_certificate.${certName}`;
        const records = resources(stack, "aws_route53_record").filter(([, r]) => validatedCertificate(r) === certName);
        if (records.length > 0) {
          for (const [recordName, record] of records) {
            const zone = resolveZone(app, stackName, record.zone_id);
            const found = zone
              ? zoneProblems(app, stackName, names, zone)
              : [`the validation record's zone_id ${JSON.stringify(record.zone_id)} is neither a zone this app creates nor an existing zone's id: nothing shows the record is where resolvers look`];
            found.forEach((message) => problems.push({ stack: stackName, address: `aws_route53_record.${recordName}`, message }));
          }
          continue;
        }
        const waits = resources(stack, "aws_acm_certificate_validation").some(
          ([, v]) => v.certificate_arn === `\${aws_acm_certificate.${certName}.arn}` && v.validation_record_fqdns === undefined,
        );
        if (!waits) continue;
        // The record another certificate for the same names in the same account writes.
        const owners = Object.entries(app.stacks).filter(
          ([otherName, other]) =>
            otherName !== stackName &&
            stackAccount(other) === stackAccount(stack) &&
            resources(other, "aws_acm_certificate").some(
              ([otherCert, values]) =>
                names.every((n) => certificateNames(values).includes(n)) && resources(other, "aws_route53_record").some(([, r]) => validatedCertificate(r) === otherCert),
            ),
        );
        const after = appliedAfter(app, stackName);
        if (owners.length === 0) {
          problems.push({ stack: stackName, address, message: `no stack writes the validation record for ${names.join(", ")} in this account: the certificate never validates` });
        } else if (!owners.some(([o]) => after.has(o))) {
          problems.push({
            stack: stackName,
            address,
            message: `waits on the validation record ${owners.map(([o]) => o).join(", ")} writes, but is not applied after it: the first apply can time out`,
          });
        }
      }
    }
    return problems;
  },
};

export const DNS_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [validationRecordOverwrite];
export const DNS_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [recordsHaveOneOwner, noCrossRegionReads, noGlobalControlPlaneInRecovery, certificatesValidate];
