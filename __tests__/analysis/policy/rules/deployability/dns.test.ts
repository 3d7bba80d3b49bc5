/**
 * DNS deployability rules (SUMA-DEP-501..508): each runs over violating fixtures (a finding on the
 * named resource whose message says what is wrong) and compliant ones, built in code; and the
 * default app has no finding from any of them.
 */
import { deployabilityFindings, type Finding, type SynthesizedApp } from "../../../../../analysis/policy";
import {
  DNS_DEPLOYABILITY_CHECKS,
  DNS_DEPLOYABILITY_RULES,
} from "../../../../../analysis/policy/rules/deployability/dns";
import type { ResourceValues, TerraformJson } from "../../../../../analysis/policy/terraform-json";
import { synthAppWithDependencies } from "../../../../support/synth";

type Blocks = Record<string, Record<string, ResourceValues>>;

const PROD = "222222222222";
const NONPROD = "111111111111";

interface StackSpec {
  readonly region?: string;
  readonly account?: string;
  readonly resource?: Blocks;
  readonly data?: Blocks;
  readonly output?: Record<string, Record<string, unknown>>;
  /** S3 backend key; the bucket is per account and region. */
  readonly key?: string;
  /** Aliased AWS providers besides the stack's default one. */
  readonly providers?: ReadonlyArray<Record<string, unknown>>;
}

function stack(spec: StackSpec): TerraformJson {
  const region = spec.region ?? "us-east-1";
  const account = spec.account ?? PROD;
  return {
    provider: { aws: [{ region, allowed_account_ids: [account] }, ...(spec.providers ?? [])] },
    terraform: {
      backend: { s3: { bucket: `tfstate-${account}-${region}`, key: spec.key ?? "x/terraform.tfstate", region } },
    },
    resource: spec.resource ?? {},
    data: spec.data ?? {},
    output: spec.output ?? {},
  } as TerraformJson;
}

function run(stacks: Record<string, TerraformJson>, dependencies: Record<string, string[]> = {}): Finding[] {
  const deps = Object.fromEntries(Object.keys(stacks).map((name) => [name, dependencies[name] ?? []]));
  return deployabilityFindings(
    { stacks, dependencies: deps },
    { rules: DNS_DEPLOYABILITY_RULES, appChecks: DNS_DEPLOYABILITY_CHECKS },
  );
}

const of = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

// ---- Building blocks ------------------------------------------------------------------------------

const certificate = (domain: string): Blocks => ({
  aws_acm_certificate: { cert: { domain_name: domain, validation_method: "DNS" } },
});
const validationRecord = (zoneId: string, extra: ResourceValues = {}): Blocks => ({
  aws_route53_record: {
    validation: {
      for_each:
        "${{ for key, val in tolist(aws_acm_certificate.cert.domain_validation_options): val.domain_name => val }}",
      zone_id: zoneId,
      name: "${each.value.resource_record_name}",
      type: "${each.value.resource_record_type}",
      records: ["${each.value.resource_record_value}"],
      ttl: 60,
      ...extra,
    },
  },
});
const waiter = (withFqdns: boolean): Blocks => ({
  aws_acm_certificate_validation: {
    validation: {
      certificate_arn: "${aws_acm_certificate.cert.arn}",
      ...(withFqdns
        ? { validation_record_fqdns: "${[ for key, val in aws_route53_record.validation: val.fqdn]}" }
        : {}),
    },
  },
});
const merge = (...groups: Blocks[]): Blocks => {
  const out: Blocks = {};
  for (const g of groups) for (const [type, byName] of Object.entries(g)) out[type] = { ...out[type], ...byName };
  return out;
};
const zone = (name: string): Blocks => ({ aws_route53_zone: { zone: { name } } });
const nameServersOutput = { dns_zone_name_servers: { value: "${aws_route53_zone.zone.name_servers}" } };
const ZONE_REF = "${aws_route53_zone.zone.zone_id}";

/** An environment stack issuing a certificate in the zone of `shared`, read through remote state. */
const remoteZoneId = "${data.terraform_remote_state.shared.outputs.zone_id}";
const remoteState = (account: string, key: string, region = "us-east-1"): Blocks => ({
  terraform_remote_state: {
    shared: { backend: "s3", config: { bucket: `tfstate-${account}-${region}`, key, region } },
  },
});

const ROLE_NAME = "app-dns-delegation-111111111111";
const ROLE_ARN = `arn:aws:iam::${PROD}:role/${ROLE_NAME}`;
const trust = (account: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" }],
  });
/** The parent's delegation role, trusted by `trusted`. */
const delegationRole = (trusted = NONPROD): Blocks => ({
  aws_iam_role: { delegation: { name: ROLE_NAME, assume_role_policy: trust(trusted) } },
});
/** A provider that assumes the parent's delegation role, pinned to `account`. */
const parentProvider = (account = PROD) => ({
  alias: "dns-parent",
  region: "us-east-1",
  allowed_account_ids: [account],
  assume_role: [{ role_arn: ROLE_ARN }],
});
/** The child's own delegation: the parent zone looked up through the aliased provider, and the NS record written there. */
const childDelegation: { resource: Blocks; data: Blocks } = {
  resource: {
    aws_route53_record: {
      delegate: {
        provider: "aws.dns-parent",
        zone_id: "${data.aws_route53_zone.parent.zone_id}",
        name: "nonprod.auth.example.com",
        type: "NS",
        ttl: 3600,
        records: "${aws_route53_zone.zone.name_servers}",
      },
    },
  },
  data: { aws_route53_zone: { parent: { provider: "aws.dns-parent", name: "auth.example.com", private_zone: false } } },
};

/**
 * The default app's shape: prod's apex zone and the delegation role, nonprod's zone delegated from
 * it by nonprod's own stack through that role, a certificate in each.
 */
function delegatedApp(
  options: { delegate?: boolean; devAfterDelegation?: boolean; apexOutput?: boolean; pinnedTo?: string } = {},
) {
  const { delegate = true, devAfterDelegation = true, apexOutput = true, pinnedTo = PROD } = options;
  const stacks = {
    "shared-nonprod": stack({
      account: NONPROD,
      key: "shared-nonprod/terraform.tfstate",
      resource: merge(zone("nonprod.auth.example.com"), delegate ? childDelegation.resource : {}),
      data: delegate ? childDelegation.data : {},
      providers: delegate ? [parentProvider(pinnedTo)] : [],
      output: { zone_id: { value: ZONE_REF } },
    }),
    "shared-prod": stack({
      key: "shared-prod/terraform.tfstate",
      resource: merge(zone("auth.example.com"), delegationRole()),
      output: { zone_id: { value: ZONE_REF }, ...(apexOutput ? nameServersOutput : {}) },
    }),
    dev: stack({
      account: NONPROD,
      resource: merge(certificate("dev.nonprod.auth.example.com"), validationRecord(remoteZoneId), waiter(true)),
      data: remoteState(NONPROD, "shared-nonprod/terraform.tfstate"),
    }),
    prod: stack({
      resource: merge(certificate("prod.auth.example.com"), validationRecord(remoteZoneId), waiter(true)),
      data: remoteState(PROD, "shared-prod/terraform.tfstate"),
    }),
  };
  const dependencies = {
    "shared-nonprod": ["shared-prod"],
    dev: devAfterDelegation ? ["shared-nonprod"] : [],
    prod: ["shared-prod"],
  };
  return { stacks, dependencies };
}

// ---- SUMA-DEP-501 ---------------------------------------------------------------------------------

describe("SUMA-DEP-501 validation records have one owner", () => {
  it("finds allow_overwrite on a validation record", () => {
    const findings = of(
      run({
        prod: stack({
          resource: merge(
            certificate("prod.auth.example.com"),
            validationRecord("Z0123456789ABCDEFGHIJ", { allow_overwrite: true }),
          ),
        }),
      }),
      "SUMA-DEP-501",
    );
    expect(findings.map((f) => [f.stack, f.address])).toEqual([["prod", "aws_route53_record.validation"]]);
    expect(findings[0]!.message).toMatch(/allow_overwrite = true on an ACM validation record/);
  });

  it("finds allow_overwrite on a literal ACM validation CNAME", () => {
    const literal = {
      aws_route53_record: {
        cname: {
          zone_id: "Z0123456789ABCDEFGHIJ",
          name: "_0123456789abcdef0123456789abcdef.auth.example.com",
          type: "CNAME",
          allow_overwrite: true,
        },
      },
    };
    expect(of(run({ prod: stack({ resource: literal }) }), "SUMA-DEP-501").map((f) => f.address)).toEqual([
      "aws_route53_record.cname",
    ]);
  });

  it("accepts a validation record without allow_overwrite, and leaves other records alone", () => {
    const other = {
      aws_route53_record: {
        www: { zone_id: "Z0123456789ABCDEFGHIJ", name: "www.auth.example.com", type: "A", allow_overwrite: true },
      },
    };
    expect(
      of(
        run({
          prod: stack({
            resource: merge(certificate("prod.auth.example.com"), validationRecord("Z0123456789ABCDEFGHIJ"), other),
          }),
        }),
        "SUMA-DEP-501",
      ),
    ).toEqual([]);
  });
});

// ---- SUMA-DEP-502 ---------------------------------------------------------------------------------

describe("SUMA-DEP-502 no record set declared twice", () => {
  const prodAndDr = (drAccount: string) => ({
    prod: stack({ resource: merge(certificate("prod.auth.example.com"), validationRecord("Z0123456789ABCDEFGHIJ")) }),
    dr: stack({
      region: "us-west-2",
      account: drAccount,
      resource: merge(certificate("prod.auth.example.com"), validationRecord("Z0123456789ABCDEFGHIJ")),
    }),
  });

  it("finds the same ACM validation record written by prod's and DR's stacks in one account", () => {
    const findings = of(run(prodAndDr(PROD)), "SUMA-DEP-502");
    expect(findings.map((f) => [f.stack, f.address])).toEqual([
      ["dr", "aws_route53_record.validation"],
      ["prod", "aws_route53_record.validation"],
    ]);
    expect(findings[0]!.message).toBe(
      `ACM validation record of prod.auth.example.com CNAME in account ${PROD} is also declared by prod/aws_route53_record.validation: one record set has one owner`,
    );
  });

  it("finds one literal record name and type declared by two stacks", () => {
    const a = (stackName: string) =>
      stack({
        key: stackName,
        resource: {
          aws_route53_record: { www: { zone_id: "Z0123456789ABCDEFGHIJ", name: "www.auth.example.com.", type: "A" } },
        },
      });
    expect(of(run({ one: a("one"), two: a("two") }), "SUMA-DEP-502").map((f) => f.stack)).toEqual(["one", "two"]);
  });

  it("accepts the two halves of a failover pair (different set identifiers) and validation records in different accounts", () => {
    const half = (set: string) => ({
      aws_route53_record: {
        dns: { zone_id: "Z0123456789ABCDEFGHIJ", name: "prod.auth.example.com", type: "A", set_identifier: set },
      },
    });
    expect(
      of(
        run({
          prod: stack({ resource: half("primary") }),
          dr: stack({ region: "us-west-2", resource: half("secondary") }),
        }),
        "SUMA-DEP-502",
      ),
    ).toEqual([]);
    expect(of(run(prodAndDr(NONPROD)), "SUMA-DEP-502")).toEqual([]);
  });
});

// ---- SUMA-DEP-503 ---------------------------------------------------------------------------------

describe("SUMA-DEP-503 no cross-region reads", () => {
  it("finds a DR stack reading the primary region's state", () => {
    const dr = stack({ region: "us-west-2", data: remoteState(PROD, "shared-prod-us-east-1/terraform.tfstate") });
    const findings = of(run({ dr }), "SUMA-DEP-503");
    expect(findings.map((f) => [f.stack, f.address])).toEqual([["dr", "data.terraform_remote_state.shared"]]);
    expect(findings[0]!.message).toBe(
      `reads state "shared-prod-us-east-1/terraform.tfstate" from bucket "tfstate-${PROD}-us-east-1" in us-east-1, but this stack is in us-west-2: its plan fails while us-east-1 is down`,
    );
  });

  it("finds a data source pointed at another region by its region argument", () => {
    const dr = stack({
      region: "us-west-2",
      data: { aws_ssm_parameter: { zone: { name: "/app/zone-id", region: "us-east-1" } } },
    });
    expect(of(run({ dr }), "SUMA-DEP-503").map((f) => [f.address, f.message])).toEqual([
      [
        "data.aws_ssm_parameter.zone",
        "reads from us-east-1, but this stack is in us-west-2: its plan fails while us-east-1 is down",
      ],
    ]);
  });

  it("accepts state and parameters of the stack's own region", () => {
    const dr = stack({
      region: "us-west-2",
      data: {
        ...remoteState(PROD, "shared-prod-us-west-2/terraform.tfstate", "us-west-2"),
        aws_ssm_parameter: { zone: { name: "/app/zone-id" } },
      },
    });
    expect(of(run({ dr }), "SUMA-DEP-503")).toEqual([]);
  });
});

// ---- SUMA-DEP-504 ---------------------------------------------------------------------------------

describe("SUMA-DEP-504 no global control plane outside us-east-1", () => {
  const primary = stack({});

  it("finds a Route 53 zone lookup in the DR region of an account that also deploys to us-east-1", () => {
    const dr = stack({
      region: "us-west-2",
      data: { aws_route53_zone: { zone: { name: "auth.example.com" } }, aws_iam_role: { deploy: { name: "deploy" } } },
    });
    const findings = of(run({ primary, dr }), "SUMA-DEP-504");
    expect(findings.map((f) => f.address)).toEqual(["data.aws_iam_role.deploy", "data.aws_route53_zone.zone"]);
    expect(findings[1]!.message).toBe(
      "aws_route53_zone calls a control plane in us-east-1 at every plan; this us-west-2 stack can't be planned while us-east-1 is impaired",
    );
  });

  it("accepts the same lookup in us-east-1, and local data sources (policy documents) anywhere", () => {
    const lookups = stack({ data: { aws_route53_zone: { zone: { name: "auth.example.com" } } } });
    const dr = stack({
      region: "us-west-2",
      data: { aws_iam_policy_document: { trust: {} }, aws_caller_identity: { me: {} } },
    });
    expect(of(run({ primary: lookups, dr }), "SUMA-DEP-504")).toEqual([]);
  });
});

// ---- SUMA-DEP-505 ---------------------------------------------------------------------------------

describe("SUMA-DEP-505 certificates validate in a delegated zone", () => {
  it("accepts an apex zone with its name servers output and a child zone delegated from it, with the certificate applied after the delegation", () => {
    const { stacks, dependencies } = delegatedApp();
    expect(of(run(stacks, dependencies), "SUMA-DEP-505")).toEqual([]);
  });

  it("finds a child zone no NS record delegates (today's nonprod zone)", () => {
    const { stacks, dependencies } = delegatedApp({ delegate: false });
    const findings = of(run(stacks, dependencies), "SUMA-DEP-505");
    expect(findings.map((f) => [f.stack, f.address])).toEqual([["dev", "aws_route53_record.validation"]]);
    expect(findings[0]!.message).toBe(
      "zone nonprod.auth.example.com is inside auth.example.com (shared-prod) but no NS record in auth.example.com's account delegates it: resolvers never reach it, so the certificate never validates",
    );
  });

  it("finds an NS record written through a provider pinned to another account than the parent zone's: it is not in the parent zone", () => {
    const { stacks, dependencies } = delegatedApp({ pinnedTo: NONPROD });
    expect(of(run(stacks, dependencies), "SUMA-DEP-505").map((f) => [f.stack, f.message])).toEqual([
      [
        "dev",
        "zone nonprod.auth.example.com is inside auth.example.com (shared-prod) but no NS record in auth.example.com's account delegates it: resolvers never reach it, so the certificate never validates",
      ],
    ]);
  });

  it("accepts the parent's own stack writing the NS record into the zone it creates (same account)", () => {
    const { stacks } = delegatedApp({ delegate: false });
    const sameAccount = {
      ...stacks,
      "shared-prod": stack({
        key: "shared-prod/terraform.tfstate",
        resource: merge(zone("auth.example.com"), {
          aws_route53_record: {
            ns: {
              zone_id: ZONE_REF,
              name: "nonprod.auth.example.com",
              type: "NS",
              ttl: 3600,
              records: ["ns-1.example"],
            },
          },
        }),
        output: { zone_id: { value: ZONE_REF }, ...nameServersOutput },
      }),
    };
    expect(
      of(run(sameAccount, { dev: ["shared-nonprod", "shared-prod"], prod: ["shared-prod"] }), "SUMA-DEP-505"),
    ).toEqual([]);
  });

  it("finds a certificate not applied after its zone's delegation", () => {
    const { stacks, dependencies } = delegatedApp({ devAfterDelegation: false });
    expect(of(run(stacks, dependencies), "SUMA-DEP-505").map((f) => f.message)).toEqual([
      "zone nonprod.auth.example.com is delegated by shared-nonprod, but this stack is not applied after it: validation can time out before the delegation exists",
    ]);
  });

  it("finds an apex zone whose name servers nobody can give the registrar", () => {
    const { stacks, dependencies } = delegatedApp({ apexOutput: false });
    expect(of(run(stacks, dependencies), "SUMA-DEP-505").map((f) => [f.stack, f.message])).toEqual([
      [
        "prod",
        "zone auth.example.com has no parent zone here and shared-prod outputs no name servers for it: the registrar's NS records can't be set, so the certificate never validates",
      ],
    ]);
  });

  it("finds a certificate name outside the zone its validation record goes into", () => {
    const { stacks, dependencies } = delegatedApp();
    const moved = {
      ...stacks,
      prod: stack({
        resource: merge(certificate("login.example.org"), validationRecord(remoteZoneId), waiter(true)),
        data: remoteState(PROD, "shared-prod/terraform.tfstate"),
      }),
    };
    expect(of(run(moved, dependencies), "SUMA-DEP-505").map((f) => f.message)).toEqual([
      "login.example.org is not in zone auth.example.com, where its validation record goes: no resolver looks there for it",
    ]);
  });

  it("finds a validation record whose zone is neither made here nor an existing zone's id", () => {
    const lost = stack({ resource: merge(certificate("prod.auth.example.com"), validationRecord("${var.zone_id}")) });
    expect(of(run({ lost }), "SUMA-DEP-505").map((f) => f.message)).toEqual([
      "the validation record's zone_id \"${var.zone_id}\" is neither a zone this app creates nor an existing zone's id: nothing shows the record is where resolvers look",
    ]);
  });

  it("accepts a validation record in an existing zone given by id, and one whose zone id comes from an SSM parameter of its region", () => {
    const existing = stack({
      resource: merge(certificate("prod.auth.example.com"), validationRecord("Z0123456789ABCDEFGHIJ")),
    });
    const shared = stack({
      key: "shared",
      resource: merge(zone("auth.example.com"), {
        aws_ssm_parameter: {
          zone: { name: "/app/zone-id", type: "String", insecure_value: ZONE_REF, region: "us-west-2" },
        },
      }),
      output: nameServersOutput,
    });
    const west = stack({
      region: "us-west-2",
      resource: merge(
        certificate("api.auth.example.com"),
        validationRecord("${data.aws_ssm_parameter.zone.insecure_value}"),
      ),
      data: { aws_ssm_parameter: { zone: { name: "/app/zone-id" } } },
    });
    expect(of(run({ existing, shared, west }, { west: ["shared"] }), "SUMA-DEP-505")).toEqual([]);
  });

  describe("a certificate that waits on another stack's validation record (DR)", () => {
    const owner = stack({
      resource: merge(certificate("prod.auth.example.com"), validationRecord("Z0123456789ABCDEFGHIJ"), waiter(true)),
    });
    const dr = (account = PROD) =>
      stack({ region: "us-west-2", account, resource: merge(certificate("prod.auth.example.com"), waiter(false)) });

    it("is accepted when the owner's stack, in the same account, is applied first", () => {
      expect(of(run({ prod: owner, dr: dr() }, { dr: ["prod"] }), "SUMA-DEP-505")).toEqual([]);
    });

    it("is found when not applied after the owner", () => {
      expect(of(run({ prod: owner, dr: dr() }), "SUMA-DEP-505").map((f) => [f.stack, f.address, f.message])).toEqual([
        [
          "dr",
          "aws_acm_certificate.cert",
          "waits on the validation record prod writes, but is not applied after it: the first apply can time out",
        ],
      ]);
    });

    it("is found when no stack of its account writes the record", () => {
      expect(of(run({ prod: owner, dr: dr(NONPROD) }, { dr: ["prod"] }), "SUMA-DEP-505").map((f) => f.message)).toEqual(
        [
          "no stack writes the validation record for prod.auth.example.com in this account: the certificate never validates",
        ],
      );
    });
  });
});

// ---- SUMA-DEP-506 ---------------------------------------------------------------------------------

describe("SUMA-DEP-506 no stack reads the state of a stack in another account", () => {
  it("finds the parent account's stack reading the child account's state for its name servers (the old cross-stack delegation)", () => {
    const { stacks, dependencies } = delegatedApp();
    const old = {
      ...stacks,
      "shared-prod": stack({
        key: "shared-prod/terraform.tfstate",
        resource: zone("auth.example.com"),
        data: remoteState(NONPROD, "shared-nonprod/terraform.tfstate"),
      }),
    };
    expect(of(run(old, dependencies), "SUMA-DEP-506").map((f) => [f.stack, f.address, f.message])).toEqual([
      [
        "shared-prod",
        "data.terraform_remote_state.shared",
        `reads state "shared-nonprod/terraform.tfstate" from bucket "tfstate-${NONPROD}-us-east-1" (the state of shared-nonprod, pinned to account ${NONPROD}) with account ${PROD}'s credentials: S3 and the bucket's KMS key refuse them, so this stack's plan fails`,
      ],
    ]);
  });

  it("finds a read from a bucket another account's stack creates, or one named after another account", () => {
    const maker = stack({ account: NONPROD, resource: { aws_s3_bucket: { state: { bucket: "shared-state" } } } });
    const reader = stack({
      data: {
        terraform_remote_state: {
          a: { backend: "s3", config: { bucket: "shared-state", key: "a" } },
          b: { backend: "s3", config: { bucket: `other-${NONPROD}`, key: "b" } },
        },
      },
    });
    expect(
      of(run({ maker, reader }), "SUMA-DEP-506").map((f) => [f.address, f.message.match(/\((.*?)\)/)?.[1]]),
    ).toEqual([
      ["data.terraform_remote_state.a", `a bucket maker creates in account ${NONPROD}`],
      ["data.terraform_remote_state.b", `a bucket named after account ${NONPROD}`],
    ]);
  });

  it("accepts reads of the stack's own account's state, and the delegation through an assumed role", () => {
    const { stacks, dependencies } = delegatedApp();
    expect(of(run(stacks, dependencies), "SUMA-DEP-506")).toEqual([]);
  });
});

// ---- SUMA-DEP-507 ---------------------------------------------------------------------------------

describe("SUMA-DEP-507 an assumed role exists first and trusts the assuming account", () => {
  it("finds the child's stack not applied after the stack that creates the role", () => {
    const { stacks, dependencies } = delegatedApp();
    expect(
      of(run(stacks, { ...dependencies, "shared-nonprod": [] }), "SUMA-DEP-507").map((f) => [
        f.stack,
        f.address,
        f.message,
      ]),
    ).toEqual([
      [
        "shared-nonprod",
        "provider.aws.dns-parent",
        `assumes ${ROLE_ARN}, which shared-prod creates, but is not applied after it: the first plan can't assume a role that does not exist yet`,
      ],
    ]);
  });

  it("finds a role whose trust policy does not name the assuming account", () => {
    const { stacks, dependencies } = delegatedApp();
    const untrusted = {
      ...stacks,
      "shared-prod": stack({
        key: "shared-prod/terraform.tfstate",
        resource: merge(zone("auth.example.com"), delegationRole("333333333333")),
        output: nameServersOutput,
      }),
    };
    expect(of(run(untrusted, dependencies), "SUMA-DEP-507").map((f) => f.message)).toEqual([
      `assumes ${ROLE_ARN} (shared-prod), whose trust policy does not let account ${NONPROD} call sts:AssumeRole: every plan of this stack fails`,
    ]);
  });

  it("accepts the role trusted by the child account and created first, and leaves roles managed elsewhere alone", () => {
    const { stacks, dependencies } = delegatedApp();
    expect(of(run(stacks, dependencies), "SUMA-DEP-507")).toEqual([]);
    const external = stack({
      providers: [
        { alias: "x", region: "us-east-1", assume_role: [{ role_arn: "arn:aws:iam::444444444444:role/elsewhere" }] },
      ],
    });
    expect(of(run({ external }), "SUMA-DEP-507")).toEqual([]);
  });
});

// ---- SUMA-DEP-508 ---------------------------------------------------------------------------------

describe("SUMA-DEP-508 Route 53 condition values are normalized", () => {
  const policy = (condition: Record<string, Record<string, unknown>>) =>
    stack({
      resource: {
        aws_iam_role_policy: {
          delegate: {
            role: "r",
            policy: JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Sid: "Ns",
                  Effect: "Allow",
                  Action: "route53:ChangeResourceRecordSets",
                  Resource: "arn:aws:route53:::hostedzone/Z1",
                  Condition: condition,
                },
              ],
            }),
          },
        },
      },
    });

  it("finds a record name with upper case or a trailing dot, a lower-case type and an unknown action", () => {
    const bad = policy({
      "ForAllValues:StringEquals": {
        "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["Nonprod.example.com", "nonprod.example.com."],
        "route53:ChangeResourceRecordSetsRecordTypes": ["ns"],
        "route53:ChangeResourceRecordSetsActions": ["Create"],
      },
    });
    const findings = of(run({ bad }), "SUMA-DEP-508");
    expect(findings.map((f) => f.address)).toEqual([
      "aws_iam_role_policy.delegate",
      "aws_iam_role_policy.delegate",
      "aws_iam_role_policy.delegate",
      "aws_iam_role_policy.delegate",
    ]);
    expect(findings.map((f) => f.message.split(": Route 53")[0]).sort()).toEqual(
      [
        'policy statement "Ns": route53:ChangeResourceRecordSetsNormalizedRecordNames "Nonprod.example.com" is not lower case with other characters as \\ooo octal escapes',
        'policy statement "Ns": route53:ChangeResourceRecordSetsNormalizedRecordNames "nonprod.example.com." ends with a dot',
        'policy statement "Ns": route53:ChangeResourceRecordSetsRecordTypes "ns" is not an upper-case Route 53 record type',
        'policy statement "Ns": route53:ChangeResourceRecordSetsActions "Create" is not CREATE, UPSERT or DELETE (upper case)',
      ].sort(),
    );
  });

  it("accepts normalized values, octal escapes and wildcards under StringLike", () => {
    const good = policy({
      "ForAllValues:StringEquals": {
        "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["nonprod.example.com", "\\052.example.com"],
        "route53:ChangeResourceRecordSetsRecordTypes": ["NS"],
      },
      "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["*.nonprod.example.com"] },
    });
    expect(of(run({ good }), "SUMA-DEP-508")).toEqual([]);
  });
});

// ---- The default app -------------------------------------------------------------------------------

describe("the default app", () => {
  let app: SynthesizedApp;
  beforeAll(() => {
    app = synthAppWithDependencies();
  });

  it("has no finding from the DNS deployability rules", () => {
    expect(deployabilityFindings(app, { rules: DNS_DEPLOYABILITY_RULES, appChecks: DNS_DEPLOYABILITY_CHECKS })).toEqual(
      [],
    );
  });

  it("is actually checked: its certificates and its DR stack are in scope", () => {
    const certificates = Object.values(app.stacks).flatMap((s) => Object.keys(s.resource?.aws_acm_certificate ?? {}));
    expect(certificates.length).toBeGreaterThanOrEqual(
      Object.keys(app.stacks).filter((n) => app.stacks[n]!.resource?.aws_lb).length,
    );
    const dr = Object.values(app.stacks).find(
      (s) =>
        (s as { provider?: { aws?: Array<{ region?: string }> } }).provider?.aws?.[0]?.region === "us-west-2" &&
        s.resource?.aws_acm_certificate,
    );
    expect(dr).toBeDefined();
  });

  it("is actually checked: a stack assumes a role the app creates, whose policy carries Route 53 condition keys", () => {
    const assumed = Object.values(app.stacks).flatMap((s) =>
      (
        (s as { provider?: { aws?: Array<{ assume_role?: Array<{ role_arn?: string }> }> } }).provider?.aws ?? []
      ).flatMap((p) => p.assume_role?.map((a) => a.role_arn) ?? []),
    );
    const roleNames = Object.values(app.stacks).flatMap((s) =>
      Object.values(s.resource?.aws_iam_role ?? {}).map((r) => r.name),
    );
    expect(
      assumed.some((arn) => roleNames.some((name) => typeof name === "string" && arn?.endsWith(`:role/${name}`))),
    ).toBe(true);
    const policies = Object.values(app.stacks).flatMap((s) =>
      Object.values(s.resource?.aws_iam_role_policy ?? {}).map((p) => String(p.policy)),
    );
    expect(policies.some((p) => p.includes("route53:ChangeResourceRecordSetsNormalizedRecordNames"))).toBe(true);
  });
});
