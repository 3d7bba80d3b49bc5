/**
 * Deployability rules: DNS zones, delegation, certificate validation, and a DR stack that plans
 * without the primary region. Pure: reads synthesized JSON only.
 */
import type { ControlMapping } from "../../rule";
import { dataSourcesOfType, isTrue, resourcesOfType, type ResourceValues, type TerraformJson } from "../../terraform-json";
import { allowStatements, appliedBefore, asString, IDENTITY_POLICY_TYPES, isToken, readPolicy, resourceRegion, ROLE_ARN, stackPlacement } from "../../rule-helpers";
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
const normalize = (name: string): string => name.toLowerCase().replace(/\.$/, "");
const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,31}$/;

// ---- Stack facts ---------------------------------------------------------------------------------

function awsProviders(stack: StackDocument): ReadonlyArray<Readonly<Record<string, unknown>>> {
  return stack.provider?.aws ?? [];
}

/** The region of the stack's default AWS provider (the one without an alias). */
const stackRegion = (stack: TerraformJson): string | undefined => stackPlacement(stack).region;

/** The account the stack's default AWS provider is pinned to. */
const stackAccount = (stack: TerraformJson): string | undefined => stackPlacement(stack).accountId;

/** A certificate's literal names, wildcards included. */
function certificateNames(values: ResourceValues): string[] {
  const sans = Array.isArray(values.subject_alternative_names) ? values.subject_alternative_names : [];
  return [values.domain_name, ...sans].filter((n): n is string => typeof n === "string" && !isToken(n)).map(normalize);
}

/** The certificate whose validation options a record's for_each iterates, if any. */
function validatedCertificate(values: ResourceValues): string | undefined {
  return asString(values.for_each)?.match(/aws_acm_certificate\.([A-Za-z0-9_-]+)\.domain_validation_options/)?.[1];
}

/** True for an ACM validation record: for_each over a certificate's options, or a literal `_token.name` CNAME. */
function isValidationRecord(values: ResourceValues): boolean {
  if (validatedCertificate(values)) return true;
  if (asString(values.name)?.includes("resource_record_name")) return true;
  const name = asString(values.name);
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
      for (const [name, values] of dataSourcesOfType(stack, "terraform_remote_state")) {
        const config = values.config as Readonly<Record<string, unknown>> | undefined;
        const stateRegion = asString(config?.region);
        if (values.backend === "s3" && stateRegion && stateRegion !== region) {
          problems.push({
            stack: stackName,
            address: `data.terraform_remote_state.${name}`,
            message: `reads state "${asString(config?.key) ?? "?"}" from bucket "${asString(config?.bucket) ?? "?"}" in ${stateRegion}, but this stack is in ${region}: its plan fails while ${stateRegion} is down`,
          });
        }
      }
      for (const [type, byName] of Object.entries(doc(stack).data ?? {})) {
        if (type === "terraform_remote_state") continue;
        for (const [name, values] of Object.entries(byName)) {
          const at = resourceRegion(stack, values);
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
  const value = asString(expression);
  if (!stack || !value || depth > 5) return undefined;
  if (HOSTED_ZONE_ID.test(value)) return { kind: "existing" };
  const zone = value.match(/^\$\{aws_route53_zone\.([A-Za-z0-9_-]+)\.(zone_id|id)\}$/);
  if (zone) {
    const name = asString(stack.resource?.aws_route53_zone?.[zone[1]!]?.name);
    return name ? { kind: "created", stack: stackName, resource: zone[1]!, name: normalize(name) } : undefined;
  }
  if (/^\$\{data\.aws_route53_zone\.[A-Za-z0-9_-]+\.(zone_id|id)\}$/.test(value)) return { kind: "existing" };
  const parameter = value.match(/^\$\{data\.aws_ssm_parameter\.([A-Za-z0-9_-]+)\.(insecure_value|value)\}$/);
  if (parameter) {
    const read = doc(stack).data?.aws_ssm_parameter?.[parameter[1]!];
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
    resourcesOfType(json, "aws_route53_zone").flatMap(([resource, values]) => {
      const name = asString(values.name);
      return name && !isToken(name) ? [{ stack, resource, name: normalize(name) }] : [];
    }),
  );
}

/** The account a resource or data source acts in: its provider alias's pinned account, or the stack's. */
function accountOf(stack: StackDocument, values: ResourceValues): string | undefined {
  const alias = asString(values.provider)?.match(/^aws\.(.+)$/)?.[1];
  if (!alias) return stackAccount(stack);
  const ids = awsProviders(stack).find((p) => p.alias === alias)?.allowed_account_ids;
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
        if (r.type !== "NS" || typeof r.name !== "string" || normalize(r.name) !== zoneName) return false;
        const zoneId = asString(r.zone_id) ?? "";
        if (HOSTED_ZONE_ID.test(zoneId)) return true;
        const created = zoneId.match(/^\$\{aws_route53_zone\.([A-Za-z0-9_-]+)\.(zone_id|id)\}$/)?.[1];
        if (created) {
          const name = asString(json.resource?.aws_route53_zone?.[created]?.name);
          return name !== undefined && encloses(normalize(name));
        }
        const looked = zoneId.match(/^\$\{data\.aws_route53_zone\.([A-Za-z0-9_-]+)\.(zone_id|id)\}$/)?.[1];
        const lookup = looked ? doc(json).data?.aws_route53_zone?.[looked] : undefined;
        const parentName = asString(lookup?.name);
        if (!lookup || !parentName || !encloses(normalize(parentName))) return false;
        const holder = zoneAccount(app, normalize(parentName));
        return holder === undefined || holder === accountOf(doc(json), lookup);
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
  if (outside.length > 0) problems.push(`${outside.join(", ")} is not in zone ${zone.name}, where its validation record goes: no resolver looks there for it`);
  const delegating = delegationsOf(app, zone.name);
  const after = appliedBefore(app, stackName);
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
    problems.push(`zone ${zone.name} is inside ${parent.name} (${parent.stack}) but no NS record in ${parent.name}'s account delegates it: resolvers never reach it, so the certificate never validates`);
    return problems;
  }
  const zoneStack = app.stacks[zone.stack];
  const nameServers = `aws_route53_zone.${zone.resource}.name_servers`;
  const outputs = Object.entries(doc(zoneStack ?? {}).output ?? {}).filter(([id, o]) => !id.startsWith("cross-stack-output-") && asString(o.value)?.includes(nameServers));
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
    "A certificate whose validation record is written into a zone that is neither delegated here (an NS record in its parent, applied first), nor an apex zone whose name servers are output for the registrar, nor an existing zone given by id, stays PENDING_VALIDATION until aws_acm_certificate_validation times out, and ACM gives up after 72 hours. Fix: create the zone's NS record in its parent zone (across accounts: from the child zone's stack, through a provider that assumes a delegation role in the parent's account and is pinned to it), order the certificate's stack after the stack that writes it, or give the existing zone's id in config.",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      for (const [certName, cert] of resourcesOfType(stack, "aws_acm_certificate")) {
        if (cert.validation_method !== "DNS") continue;
        const names = certificateNames(cert);
        const address = `aws_acm_certificate.${certName}`;
        const records = resourcesOfType(stack, "aws_route53_record").filter(([, r]) => validatedCertificate(r) === certName);
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
        const waits = resourcesOfType(stack, "aws_acm_certificate_validation").some(
          ([, v]) => v.certificate_arn === `\${aws_acm_certificate.${certName}.arn}` && v.validation_record_fqdns === undefined,
        );
        if (!waits) continue;
        // The record another certificate for the same names in the same account writes.
        const owners = Object.entries(app.stacks).filter(
          ([otherName, other]) =>
            otherName !== stackName &&
            stackAccount(other) === stackAccount(stack) &&
            resourcesOfType(other, "aws_acm_certificate").some(
              ([otherCert, values]) =>
                names.every((n) => certificateNames(values).includes(n)) && resourcesOfType(other, "aws_route53_record").some(([, r]) => validatedCertificate(r) === otherCert),
            ),
        );
        const after = appliedBefore(app, stackName);
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

// ---- SUMA-DEP-506 ---------------------------------------------------------------------------------

/** The 12-digit account ids the app's stacks are pinned to. */
function appAccounts(app: SynthesizedApp): Set<string> {
  return new Set(Object.values(app.stacks).map((s) => stackAccount(s)).filter((a): a is string => a !== undefined));
}

/** Who owns a state object: the producing stack's account, the bucket creator's, or the account id in the bucket's name. */
function stateOwner(app: SynthesizedApp, bucket: string, key: string | undefined, accounts: Set<string>): { account: string; why: string } | undefined {
  for (const [name, other] of Object.entries(app.stacks)) {
    const backend = doc(other).terraform?.backend?.s3;
    const account = stackAccount(other);
    if (backend?.bucket === bucket && (key === undefined || backend.key === key) && account) return { account, why: `the state of ${name}, pinned to account ${account}` };
  }
  for (const [name, other] of Object.entries(app.stacks)) {
    const account = stackAccount(other);
    if (account && resourcesOfType(other, "aws_s3_bucket").some(([, b]) => b.bucket === bucket)) return { account, why: `a bucket ${name} creates in account ${account}` };
  }
  const named = [...accounts].find((id) => bucket.includes(id));
  return named ? { account: named, why: `a bucket named after account ${named}` } : undefined;
}

const noCrossAccountStateReads: DeployabilityAppCheck = {
  id: "SUMA-DEP-506",
  title: "No stack reads the state of a stack in another account",
  severity: "error",
  controls: CONTROLS,
  constraint:
    "terraform_remote_state with the s3 backend reads the other configuration's state object (s3:ListBucket, s3:GetObject, and kms:Decrypt for an SSE-KMS bucket) with the reading configuration's credentials at every plan. Another account's bucket and KMS key refuse those credentials unless both the bucket policy and the key policy grant that account, and the reader's own IAM policy allows it too.",
  source: { title: "Terraform Language: Backend type s3, Permissions Required (S3 bucket and KMS permissions)", url: "https://developer.hashicorp.com/terraform/language/backend/s3" },
  rationale:
    "A cdktf cross-stack reference between stacks pinned to different accounts becomes a terraform_remote_state that reads the producer account's state bucket with the consumer account's credentials: S3 and KMS answer AccessDenied and the consumer's first plan fails. Opening the state bucket and key to another account would instead expose every secret-bearing attribute of that state. Fix: pass the value another way: build it from config (an ARN follows from account id and name), let the consumer look it up through a provider that assumes a narrowly scoped role in the producer's account, and order the stacks with addDependency.",
  checkApp: (app) => {
    const accounts = appAccounts(app);
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      const account = stackAccount(stack);
      if (!account) continue;
      for (const [name, values] of dataSourcesOfType(stack, "terraform_remote_state")) {
        const config = values.config as Readonly<Record<string, unknown>> | undefined;
        const bucket = asString(config?.bucket);
        if (values.backend !== "s3" || !bucket || isToken(bucket)) continue;
        const owner = stateOwner(app, bucket, asString(config?.key), accounts);
        if (owner && owner.account !== account) {
          problems.push({
            stack: stackName,
            address: `data.terraform_remote_state.${name}`,
            message: `reads state "${asString(config?.key) ?? "?"}" from bucket "${bucket}" (${owner.why}) with account ${account}'s credentials: S3 and the bucket's KMS key refuse them, so this stack's plan fails`,
          });
        }
      }
    }
    return problems;
  },
};

// ---- SUMA-DEP-507 ---------------------------------------------------------------------------------


/** Whether a trust policy lets principals of `account` call sts:AssumeRole. */
function trustsAccount(policy: unknown, account: string): boolean | undefined {
  const read = readPolicy(policy, "assume_role_policy");
  if (!("document" in read)) return undefined;
  return read.document.statements.some((st) => {
    if (st.effect !== "Allow" || !st.actions.some((a) => a === "sts:AssumeRole" || a === "sts:*")) return false;
    const principal = st.principal as { AWS?: unknown } | string | undefined;
    if (principal === "*") return true;
    const aws = typeof principal === "object" && principal ? principal.AWS : undefined;
    const list = Array.isArray(aws) ? aws : [aws];
    return list.some((p) => p === "*" || p === account || (typeof p === "string" && p.startsWith(`arn:aws:iam::${account}:`)));
  });
}

const assumedRolesExistAndTrust: DeployabilityAppCheck = {
  id: "SUMA-DEP-507",
  title: "A provider's assumed role is created before the stack that assumes it, and trusts that stack's account",
  severity: "error",
  controls: { pci: ["7.2.1"], soc2: ["CC6.1", "CC8.1", "A1.2"], cis: [] },
  constraint:
    "The AWS provider calls sts:AssumeRole for its assume_role block when it is configured, before any data source or resource of the plan. STS refuses the call when the role does not exist yet or when the role's trust policy does not name the caller's account (or a principal in it) for sts:AssumeRole; for a cross-account role the caller's own IAM policy must allow it as well.",
  source: { title: "AWS STS API Reference: AssumeRole (cross-account trust and permissions)", url: "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html" },
  rationale:
    "A stack whose provider assumes a role this app creates in another stack fails its first plan if it runs before that stack, and every plan if the role does not trust its account. Fix: order the assuming stack after the stack that creates the role (addDependency), and trust the assuming account in the role's trust policy (its root, so that account's IAM decides which of its deployers may assume the role).",
  checkApp: (app) => {
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      const account = stackAccount(stack);
      for (const provider of awsProviders(doc(stack))) {
        const assume = Array.isArray(provider.assume_role) ? (provider.assume_role[0] as Readonly<Record<string, unknown>> | undefined) : undefined;
        const arn = asString(assume?.role_arn);
        const parsed = arn ? ROLE_ARN.exec(arn) : undefined;
        if (!arn || !parsed || !account) continue;
        const [, roleAccount, roleName] = parsed;
        const makers = Object.entries(app.stacks).filter(
          ([, other]) => stackAccount(other) === roleAccount && resourcesOfType(other, "aws_iam_role").some(([, r]) => r.name === roleName),
        );
        if (makers.length === 0) continue; // Managed elsewhere: nothing here shows it is missing.
        const address = `provider.aws.${asString(provider.alias) ?? "default"}`;
        const after = appliedBefore(app, stackName);
        if (!makers.some(([maker]) => maker === stackName || after.has(maker))) {
          problems.push({ stack: stackName, address, message: `assumes ${arn}, which ${makers.map(([m]) => m).join(", ")} creates, but is not applied after it: the first plan can't assume a role that does not exist yet` });
        }
        for (const [maker, other] of makers) {
          const role = resourcesOfType(other, "aws_iam_role").find(([, r]) => r.name === roleName)![1];
          if (trustsAccount(role.assume_role_policy, account) === false) {
            problems.push({ stack: stackName, address, message: `assumes ${arn} (${maker}), whose trust policy does not let account ${account} call sts:AssumeRole: every plan of this stack fails` });
          }
        }
      }
    }
    return problems;
  },
};

// ---- SUMA-DEP-508 ---------------------------------------------------------------------------------

/** Route 53 record types (ChangeResourceRecordSetsRecordTypes values are upper case). */
const ROUTE53_RECORD_TYPES = new Set(["A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT"]);
const ROUTE53_CHANGE_ACTIONS = new Set(["CREATE", "UPSERT", "DELETE"]);
/** Normalized record name: lower case, no trailing dot, anything but a-z 0-9 - _ . as a \ooo octal escape. */
const NORMALIZED_NAME = /^(?:[a-z0-9_.-]|\\[0-7]{3})+$/;
const NORMALIZED_NAME_LIKE = /^(?:[a-z0-9_.*?-]|\\[0-7]{3})+$/;

function route53ConditionProblems(operator: string, key: string, value: string): string | undefined {
  if (isToken(value)) return undefined;
  const like = /Like$/.test(operator);
  if (key === "route53:changeresourcerecordsetsnormalizedrecordnames") {
    if (value.endsWith(".")) return `"${value}" ends with a dot`;
    if (!(like ? NORMALIZED_NAME_LIKE : NORMALIZED_NAME).test(value)) return `"${value}" is not lower case with other characters as \\ooo octal escapes`;
  }
  if (key === "route53:changeresourcerecordsetsrecordtypes" && !(like && /[*?]/.test(value)) && !ROUTE53_RECORD_TYPES.has(value)) return `"${value}" is not an upper-case Route 53 record type`;
  if (key === "route53:changeresourcerecordsetsactions" && !(like && /[*?]/.test(value)) && !ROUTE53_CHANGE_ACTIONS.has(value)) return `"${value}" is not CREATE, UPSERT or DELETE (upper case)`;
  return undefined;
}

const route53ConditionsNormalized: DeployabilityRule = {
  id: "SUMA-DEP-508",
  title: "Route 53 ChangeResourceRecordSets condition values are in Route 53's normalized form",
  severity: "error",
  controls: { pci: ["7.2.1"], soc2: ["CC6.1", "CC8.1"], cis: [] },
  resourceTypes: [...IDENTITY_POLICY_TYPES],
  constraint:
    "Route 53 compares route53:ChangeResourceRecordSetsNormalizedRecordNames against the record name in lower case, without the trailing dot, with characters other than a-z, 0-9, hyphen, underscore and the label dots written as \\ooo octal escapes; ChangeResourceRecordSetsRecordTypes against upper-case record types; ChangeResourceRecordSetsActions against CREATE, UPSERT or DELETE in upper case. A value in another form never matches.",
  source: {
    title: "Amazon Route 53 Developer Guide: Using IAM policy conditions for fine-grained access control, Normalizing the Route 53 condition key values",
    url: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/specifying-rrset-conditions.html",
  },
  rationale:
    "A scoped record-set permission whose condition value is not normalized (\"Nonprod.Example.com.\", \"ns\") matches no request: the role looks right but every ChangeResourceRecordSets call is denied, so the delegation or record it exists for fails on the first apply. Fix: write names in lower case without the trailing dot, record types and actions in upper case.",
  check: ({ type, values }) => {
    const { statements } = allowStatements(type, values);
    const problems: string[] = [];
    for (const st of statements) {
      for (const [operator, pairs] of Object.entries(st.condition)) {
        for (const [key, raw] of Object.entries(pairs)) {
          const lower = key.toLowerCase();
          if (!lower.startsWith("route53:changeresourcerecordsets")) continue;
          for (const value of Array.isArray(raw) ? raw : [raw]) {
            if (typeof value !== "string") continue;
            const problem = route53ConditionProblems(operator, lower, value);
            if (problem) problems.push(`${st.label}: ${key} ${problem}: Route 53 compares the normalized form, so this condition never matches and the change is denied`);
          }
        }
      }
    }
    return problems;
  },
};

export const DNS_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [validationRecordOverwrite, route53ConditionsNormalized];
export const DNS_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [recordsHaveOneOwner, noCrossRegionReads, noGlobalControlPlaneInRecovery, certificatesValidate, noCrossAccountStateReads, assumedRolesExistAndTrust];
