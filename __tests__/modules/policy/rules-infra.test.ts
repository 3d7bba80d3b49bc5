/**
 * The infrastructure pack, rule by rule: each rule runs over violating fixtures (each must yield a
 * finding on the named resource whose message says what is wrong) and compliant fixtures (no
 * finding). Fixtures are synthesized-JSON shaped stacks built in code.
 */
import { runPolicy } from "../../../modules/policy/engine";
import { APPROVED_TLS_POLICIES } from "../../../modules/policy/rules/alb/ListenerTlsPolicyApproved";
import { INFRA_RULES } from "../../../modules/policy/packs";
import type { ResourceValues, TerraformJson } from "../../../modules/policy/terraform-json";

type Resources = Record<string, Record<string, ResourceValues>>;

interface Violating {
  readonly what: string;
  readonly stack: TerraformJson;
  /** The resource the finding must be on. */
  readonly address: string;
  /** At least one message on that resource must match. */
  readonly expect: RegExp;
}

interface Compliant {
  readonly what: string;
  readonly stack: TerraformJson;
}

interface RuleFixtures {
  readonly violating: readonly Violating[];
  readonly compliant: readonly Compliant[];
}

/** A stack of resources; later groups merge into earlier ones by type. */
function stack(...groups: Resources[]): TerraformJson {
  const resource: Resources = {};
  for (const group of groups) for (const [type, byName] of Object.entries(group)) resource[type] = { ...resource[type], ...byName };
  return { resource };
}

const ref = (address: string, attribute = "id") => `\${${address}.${attribute}}`;

// ---- Building blocks ----------------------------------------------------------------------------

const vpc: Resources = { aws_vpc: { main: { cidr_block: "10.0.0.0/16" } } };
const flowLog = (trafficType: string): Resources => ({ aws_flow_log: { main: { vpc_id: ref("aws_vpc.main"), traffic_type: trafficType } } });
const defaultSg: Resources = { aws_default_security_group: { default: { vpc_id: ref("aws_vpc.main") } } };

/** An internet-facing ALB using security group `lb`, with everything the ALB rules want. */
const alb = (overrides: ResourceValues = {}): Resources => ({
  aws_lb: {
    alb: {
      internal: false,
      load_balancer_type: "application",
      security_groups: [ref("aws_security_group.lb")],
      drop_invalid_header_fields: true,
      desync_mitigation_mode: "strictest",
      access_logs: { enabled: true, bucket: ref("aws_s3_bucket.logs", "bucket") },
      ...overrides,
    },
  },
});
const lbSg: Resources = { aws_security_group: { lb: { vpc_id: ref("aws_vpc.main") } } };
const waf: Resources = {
  aws_wafv2_web_acl: { acl: { scope: "REGIONAL" } },
  aws_wafv2_web_acl_association: { assoc: { resource_arn: ref("aws_lb.alb", "arn"), web_acl_arn: ref("aws_wafv2_web_acl.acl", "arn") } },
};
const worldIngress = (name: string, sg: string, port: number, cidr: Record<string, string> = { cidr_ipv4: "0.0.0.0/0" }): Resources => ({
  aws_vpc_security_group_ingress_rule: { [name]: { security_group_id: ref(`aws_security_group.${sg}`), ip_protocol: "tcp", from_port: port, to_port: port, ...cidr } },
});

const httpsListener = (overrides: ResourceValues = {}): Resources => ({
  aws_lb_listener: {
    https: {
      load_balancer_arn: ref("aws_lb.alb", "arn"),
      port: 443,
      protocol: "HTTPS",
      ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      default_action: [{ type: "fixed-response", fixed_response: { status_code: "404" } }],
      ...overrides,
    },
  },
});
const httpListener = (action: ResourceValues): Resources => ({
  aws_lb_listener: { http: { load_balancer_arn: ref("aws_lb.alb", "arn"), port: 80, protocol: "HTTP", default_action: [action] } },
});
const redirectToHttps = { type: "redirect", redirect: { port: "443", protocol: "HTTPS", status_code: "HTTP_301" } };

const goodContainer = {
  name: "app",
  image: "${aws_ecr_repository.repo.repository_url}:v1",
  user: "10001:10001",
  privileged: false,
  readonlyRootFilesystem: true,
  environment: [{ name: "APP_ENV", value: "prod" }],
  secrets: [{ name: "DB_PASSWORD", valueFrom: ref("aws_secretsmanager_secret.db", "arn") }],
};
const taskDefinition = (...containers: object[]): Resources => ({
  aws_ecs_task_definition: { task: { family: "app", container_definitions: JSON.stringify(containers) } },
});

const ecr = (overrides: ResourceValues = {}): Resources => ({
  aws_ecr_repository: {
    repo: {
      name: "app",
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
      encryption_configuration: [{ encryption_type: "KMS", kms_key: ref("aws_kms_key.key", "arn") }],
      ...overrides,
    },
  },
});

const bucket: Resources = { aws_s3_bucket: { logs: { bucket: "suma-logs" } } };
const bucketCompanion = (type: string, values: ResourceValues, pointer: unknown = ref("aws_s3_bucket.logs")): Resources => ({
  [type]: { companion: { bucket: pointer, ...values } },
});
const allFour = { block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
const denyHttp = {
  Sid: "DenyInsecureTransport",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:*",
  Resource: [ref("aws_s3_bucket.logs", "arn"), `${ref("aws_s3_bucket.logs", "arn")}/*`],
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const bucketPolicy = (...statements: object[]) => bucketCompanion("aws_s3_bucket_policy", { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });

const kmsKey = (overrides: ResourceValues = {}): Resources => ({ aws_kms_key: { key: { enable_key_rotation: true, deletion_window_in_days: 30, ...overrides } } });
const accountRoot = "arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.me.account_id}:root";
const keyPolicy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const adminStatement = { Sid: "Admin", Effect: "Allow", Principal: { AWS: accountRoot }, Action: "kms:*", Resource: "*" };

const naclWith = (...ingress: object[]): Resources => ({
  aws_network_acl: { public: { vpc_id: ref("aws_vpc.main"), ingress, egress: [{ action: "allow", cidr_block: "0.0.0.0/0", protocol: "-1", from_port: 0, to_port: 0, rule_no: 100 }] } },
});
const naclEntry = (rule: number, protocol: string, from: number, to: number, cidr = "0.0.0.0/0", action = "allow") => ({
  action,
  cidr_block: cidr,
  ipv6_cidr_block: null,
  protocol,
  from_port: from,
  to_port: to,
  rule_no: rule,
});

// ---- Fixtures per rule --------------------------------------------------------------------------

const FIXTURES: Readonly<Record<string, RuleFixtures>> = {
  "SUMA-NET-001": {
    violating: [
      { what: "a VPC without flow logs", stack: stack(vpc), address: "aws_vpc.main", expect: /no aws_flow_log/ },
      { what: "a VPC logging only rejected traffic", stack: stack(vpc, flowLog("REJECT")), address: "aws_vpc.main", expect: /traffic_type REJECT, not ALL/ },
    ],
    compliant: [{ what: "a VPC with an ALL flow log", stack: stack(vpc, flowLog("ALL")) }],
  },
  "SUMA-NET-002": {
    violating: [
      { what: "a VPC whose default group is not adopted", stack: stack(vpc), address: "aws_vpc.main", expect: /no aws_default_security_group/ },
      {
        what: "a default group with inline ingress",
        stack: stack(vpc, { aws_default_security_group: { default: { vpc_id: ref("aws_vpc.main"), ingress: [{ protocol: "-1", self: true, from_port: 0, to_port: 0 }] } } }),
        address: "aws_default_security_group.default",
        expect: /1 inline ingress rule/,
      },
      {
        what: "a rule resource attached to the default group",
        stack: stack(vpc, defaultSg, {
          aws_vpc_security_group_egress_rule: { out: { security_group_id: ref("aws_default_security_group.default"), ip_protocol: "-1", cidr_ipv4: "0.0.0.0/0" } },
        }),
        address: "aws_default_security_group.default",
        expect: /aws_vpc_security_group_egress_rule\.out adds a rule/,
      },
    ],
    compliant: [{ what: "an adopted default group with no rules", stack: stack(vpc, defaultSg) }],
  },
  "SUMA-NET-003": {
    violating: [
      {
        what: "SSH from anywhere",
        stack: stack(lbSg, { aws_security_group: { app: {} } }, worldIngress("ssh", "app", 22)),
        address: "aws_vpc_security_group_ingress_rule.ssh",
        expect: /tcp 22 from 0\.0\.0\.0\/0; only a load balancer/,
      },
      {
        what: "443 from ::/0 to a group no load balancer uses",
        stack: stack({ aws_security_group: { app: {} } }, worldIngress("https6", "app", 443, { cidr_ipv6: "::/0" })),
        address: "aws_vpc_security_group_ingress_rule.https6",
        expect: /tcp 443 from ::\/0; the security group is not used by a load balancer/,
      },
      {
        what: "a port range on the load balancer group",
        stack: stack(lbSg, alb(), {
          aws_vpc_security_group_ingress_rule: {
            wide: { security_group_id: ref("aws_security_group.lb"), ip_protocol: "tcp", from_port: 0, to_port: 65535, cidr_ipv4: "0.0.0.0/0" },
          },
        }),
        address: "aws_vpc_security_group_ingress_rule.wide",
        expect: /all ports from 0\.0\.0\.0\/0/,
      },
      {
        what: "inline ingress of all protocols",
        stack: stack({ aws_security_group: { legacy: { ingress: [{ protocol: "-1", from_port: 0, to_port: 0, cidr_blocks: ["0.0.0.0/0"] }] } } }),
        address: "aws_security_group.legacy",
        expect: /inline ingress #0 allows all protocols, all ports/,
      },
      {
        what: "an aws_security_group_rule for RDP",
        stack: stack({
          aws_security_group_rule: {
            rdp: { type: "ingress", security_group_id: ref("aws_security_group.app"), protocol: "tcp", from_port: 3389, to_port: 3389, cidr_blocks: ["0.0.0.0/0"] },
          },
        }),
        address: "aws_security_group_rule.rdp",
        expect: /tcp 3389/,
      },
    ],
    compliant: [
      {
        what: "80 and 443 from anywhere to the load balancer's group, the rest by group reference",
        stack: stack(lbSg, alb(), worldIngress("http", "lb", 80), worldIngress("https", "lb", 443, { cidr_ipv6: "::/0" }), {
          aws_security_group: { app: {} },
          aws_vpc_security_group_ingress_rule: {
            fromLb: { security_group_id: ref("aws_security_group.app"), referenced_security_group_id: ref("aws_security_group.lb"), ip_protocol: "tcp", from_port: 8080, to_port: 8080 },
          },
        }),
      },
      {
        what: "inline 443 on the load balancer's group, and a VPC-only rule",
        stack: stack(alb(), {
          aws_security_group: { lb: { ingress: [{ protocol: "tcp", from_port: 443, to_port: 443, cidr_blocks: ["0.0.0.0/0"] }] } },
          aws_security_group_rule: { vpcOnly: { type: "ingress", protocol: "tcp", from_port: 22, to_port: 22, cidr_blocks: ["10.0.0.0/16"] } },
        }),
      },
    ],
  },
  "SUMA-NET-004": {
    violating: [
      { what: "a subnet mapping public IPs", stack: stack({ aws_subnet: { pub: { map_public_ip_on_launch: true } } }), address: "aws_subnet.pub", expect: /map_public_ip_on_launch is true/ },
    ],
    compliant: [{ what: "subnets that do not", stack: stack({ aws_subnet: { pub: { map_public_ip_on_launch: false }, priv: { cidr_block: "10.0.0.0/24" } } }) }],
  },
  "SUMA-NET-005": {
    violating: [
      { what: "SSH from anywhere", stack: stack(naclWith(naclEntry(100, "tcp", 22, 22))), address: "aws_network_acl.public", expect: /rule 100 allows tcp 22 from 0\.0\.0\.0\/0, which includes port 22; allow only the ports the subnet serves$/ },
      {
        what: "an ephemeral range from anywhere, with the fix in the message",
        stack: stack(naclWith(naclEntry(110, "tcp", 1024, 65535))),
        address: "aws_network_acl.public",
        expect: /rule 110 allows tcp 1024-65535 from 0\.0\.0\.0\/0, which includes port 3389; split it \(1024-3388 and 3390-65535\), or, if it is return traffic to NAT gateways, which use every port from 1024, suppress this finding with that reason$/,
      },
      { what: "an ephemeral range over 3389", stack: stack(naclWith(naclEntry(130, "tcp", 1024, 65535))), address: "aws_network_acl.public", expect: /includes port 3389/ },
      {
        what: "all traffic from ::/0",
        stack: stack(naclWith({ ...naclEntry(140, "-1", 0, 0), cidr_block: null, ipv6_cidr_block: "::/0" })),
        address: "aws_network_acl.public",
        expect: /all protocols, all ports from ::\/0, which includes port 22 and 3389/,
      },
      {
        what: "a standalone rule",
        stack: stack({ aws_network_acl_rule: { rdp: { egress: false, rule_action: "allow", rule_number: 90, protocol: "udp", from_port: 3389, to_port: 3389, cidr_block: "0.0.0.0/0" } } }),
        address: "aws_network_acl_rule.rdp",
        expect: /udp 3389/,
      },
      {
        what: "the default ACL allowing everything",
        stack: stack({ aws_default_network_acl: { default: { ingress: [naclEntry(100, "-1", 0, 0)] } } }),
        address: "aws_default_network_acl.default",
        expect: /includes port 22 and 3389/,
      },
    ],
    compliant: [
      {
        what: "web ports and ephemeral ranges that skip 22 and 3389, everything from the VPC, a deny for SSH",
        stack: stack(
          naclWith(
            naclEntry(90, "tcp", 22, 22, "0.0.0.0/0", "deny"),
            naclEntry(100, "tcp", 443, 443),
            naclEntry(110, "tcp", 80, 80),
            naclEntry(120, "-1", 0, 0, "10.0.0.0/16"),
            naclEntry(130, "tcp", 1024, 3388),
            naclEntry(131, "tcp", 3390, 65535),
            naclEntry(140, "icmp", -1, -1),
          ),
          { aws_network_acl_rule: { out: { egress: true, rule_action: "allow", rule_number: 100, protocol: "-1", cidr_block: "0.0.0.0/0" } } },
        ),
      },
    ],
  },
  "SUMA-ALB-001": {
    violating: [{ what: "an ALB keeping invalid headers", stack: stack(alb({ drop_invalid_header_fields: false })), address: "aws_lb.alb", expect: /drop_invalid_header_fields is not true/ }],
    compliant: [
      { what: "an ALB dropping them", stack: stack(alb()) },
      { what: "a network load balancer", stack: stack({ aws_lb: { nlb: { load_balancer_type: "network" } } }) },
    ],
  },
  "SUMA-ALB-002": {
    violating: [{ what: "monitor mode", stack: stack(alb({ desync_mitigation_mode: "monitor" })), address: "aws_lb.alb", expect: /desync_mitigation_mode is monitor/ }],
    compliant: [
      { what: "strictest", stack: stack(alb()) },
      { what: "unset (AWS default defensive)", stack: stack(alb({ desync_mitigation_mode: undefined })) },
    ],
  },
  "SUMA-ALB-003": {
    violating: [
      { what: "no access logs", stack: stack(alb({ access_logs: undefined })), address: "aws_lb.alb", expect: /access_logs is not enabled/ },
      { what: "access logs disabled", stack: stack(alb({ access_logs: { enabled: false, bucket: "b" } })), address: "aws_lb.alb", expect: /not enabled/ },
      { what: "enabled without a bucket", stack: stack(alb({ access_logs: [{ enabled: true }] })), address: "aws_lb.alb", expect: /without a bucket/ },
    ],
    compliant: [{ what: "enabled with a bucket", stack: stack(alb()) }],
  },
  "SUMA-ALB-004": {
    violating: [
      { what: "HTTPS without a policy", stack: stack(httpsListener({ ssl_policy: undefined })), address: "aws_lb_listener.https", expect: /ssl_policy is not set.*2016-08/ },
      { what: "the 2016 policy", stack: stack(httpsListener({ ssl_policy: "ELBSecurityPolicy-2016-08" })), address: "aws_lb_listener.https", expect: /ELBSecurityPolicy-2016-08 is not an approved/ },
      { what: "a TLS listener with a TLS 1.0 policy", stack: stack(httpsListener({ protocol: "TLS", ssl_policy: "ELBSecurityPolicy-TLS13-1-0-2021-06" })), address: "aws_lb_listener.https", expect: /not an approved/ },
    ],
    compliant: [
      ...APPROVED_TLS_POLICIES.slice(0, 3).map((policy) => ({ what: policy, stack: stack(httpsListener({ ssl_policy: policy })) })),
      { what: "an HTTP listener (not applicable)", stack: stack(httpListener(redirectToHttps)) },
    ],
  },
  "SUMA-ALB-005": {
    violating: [
      { what: "HTTP forwarding", stack: stack(httpListener({ type: "forward", target_group_arn: "arn" })), address: "aws_lb_listener.http", expect: /default action is forward instead of a redirect/ },
      {
        what: "a redirect that stays on HTTP",
        stack: stack(httpListener({ type: "redirect", redirect: { port: "8080", protocol: "HTTP", status_code: "HTTP_302" } })),
        address: "aws_lb_listener.http",
        expect: /redirect to HTTP instead of HTTPS/,
      },
      {
        what: "a listener rule forwarding on the HTTP listener",
        stack: stack(httpListener(redirectToHttps), { aws_lb_listener_rule: { leak: { listener_arn: ref("aws_lb_listener.http", "arn"), action: [{ type: "forward" }] } } }),
        address: "aws_lb_listener.http",
        expect: /aws_lb_listener_rule\.leak has forward/,
      },
    ],
    compliant: [
      {
        what: "a redirect to HTTPS, with forwarding rules only on the HTTPS listener",
        stack: stack(httpListener(redirectToHttps), httpsListener(), {
          aws_lb_listener_rule: { app: { listener_arn: ref("aws_lb_listener.https", "arn"), action: [{ type: "forward" }] } },
        }),
      },
    ],
  },
  "SUMA-WAF-001": {
    violating: [{ what: "an internet-facing ALB without WAF", stack: stack(alb()), address: "aws_lb.alb", expect: /no aws_wafv2_web_acl_association .*; add a WebApplicationFirewall \(.\/waf\) associated with the load balancer's ARN/ }],
    compliant: [
      { what: "an associated ALB", stack: stack(alb(), waf) },
      { what: "an internal ALB", stack: stack(alb({ internal: true })) },
    ],
  },
  "SUMA-WAF-002": {
    violating: [{ what: "a web ACL without logging", stack: stack(waf), address: "aws_wafv2_web_acl.acl", expect: /no aws_wafv2_web_acl_logging_configuration/ }],
    compliant: [
      {
        what: "a logged web ACL",
        stack: stack(waf, {
          aws_wafv2_web_acl_logging_configuration: { logs: { resource_arn: ref("aws_wafv2_web_acl.acl", "arn"), log_destination_configs: [ref("aws_cloudwatch_log_group.waf", "arn")] } },
        }),
      },
    ],
  },
  "SUMA-ECS-001": {
    violating: [
      { what: "a writable root", stack: stack(taskDefinition({ ...goodContainer, readonlyRootFilesystem: false })), address: "aws_ecs_task_definition.task", expect: /container app: readonlyRootFilesystem is not true/ },
      {
        what: "definitions that are not literal JSON",
        stack: stack({ aws_ecs_task_definition: { task: { container_definitions: "${jsonencode(local.containers)}" } } }),
        address: "aws_ecs_task_definition.task",
        expect: /not literal JSON/,
      },
    ],
    compliant: [{ what: "a read-only root", stack: stack(taskDefinition(goodContainer)) }],
  },
  "SUMA-ECS-002": {
    violating: [{ what: "a privileged sidecar", stack: stack(taskDefinition(goodContainer, { ...goodContainer, name: "sidecar", privileged: true })), address: "aws_ecs_task_definition.task", expect: /container sidecar: privileged is true/ }],
    compliant: [{ what: "unprivileged containers", stack: stack(taskDefinition(goodContainer, { ...goodContainer, name: "sidecar", privileged: undefined })) }],
  },
  "SUMA-ECS-003": {
    violating: [
      { what: "no user", stack: stack(taskDefinition({ ...goodContainer, user: undefined })), address: "aws_ecs_task_definition.task", expect: /user is not set/ },
      { what: "uid 0", stack: stack(taskDefinition({ ...goodContainer, user: "0:0" })), address: "aws_ecs_task_definition.task", expect: /user is 0:0/ },
      { what: "root by name", stack: stack(taskDefinition({ ...goodContainer, user: "root" })), address: "aws_ecs_task_definition.task", expect: /user is root/ },
    ],
    compliant: [
      { what: "a numeric user", stack: stack(taskDefinition(goodContainer)) },
      { what: "a named user", stack: stack(taskDefinition({ ...goodContainer, user: "app" })) },
    ],
  },
  "SUMA-ECS-004": {
    violating: [
      {
        what: "a password in the environment, even from a reference",
        stack: stack(taskDefinition({ ...goodContainer, environment: [{ name: "DB_PASSWORD", value: ref("random_password.db", "result") }] })),
        address: "aws_ecs_task_definition.task",
        expect: /environment variable DB_PASSWORD looks like a credential/,
      },
      {
        what: "an API token and an AWS secret key",
        stack: stack(taskDefinition({ ...goodContainer, environment: [{ name: "apiToken", value: "x" }, { name: "AWS_SECRET_ACCESS_KEY", value: "y" }] })),
        address: "aws_ecs_task_definition.task",
        expect: /AWS_SECRET_ACCESS_KEY/,
      },
    ],
    compliant: [
      { what: "plain settings in the environment, credentials in secrets", stack: stack(taskDefinition(goodContainer)) },
      { what: "names that point at secrets", stack: stack(taskDefinition({ ...goodContainer, environment: [{ name: "DB_SECRET_ARN", value: "arn" }, { name: "TOKEN_URL", value: "https://x" }] })) },
    ],
  },
  "SUMA-ECS-005": {
    violating: [{ what: "public IPs", stack: stack({ aws_ecs_service: { svc: { network_configuration: { assign_public_ip: true } } } }), address: "aws_ecs_service.svc", expect: /assign_public_ip is true/ }],
    compliant: [{ what: "private tasks", stack: stack({ aws_ecs_service: { svc: { network_configuration: [{ assign_public_ip: false, subnets: ["s"] }] } } }) }],
  },
  "SUMA-ECS-006": {
    violating: [
      { what: "no setting", stack: stack({ aws_ecs_cluster: { c: { name: "c" } } }), address: "aws_ecs_cluster.c", expect: /containerInsights setting is not set/ },
      { what: "disabled", stack: stack({ aws_ecs_cluster: { c: { setting: [{ name: "containerInsights", value: "disabled" }] } } }), address: "aws_ecs_cluster.c", expect: /containerInsights is disabled/ },
    ],
    compliant: [
      { what: "enhanced", stack: stack({ aws_ecs_cluster: { c: { setting: [{ name: "containerInsights", value: "enhanced" }] } } }) },
      { what: "enabled", stack: stack({ aws_ecs_cluster: { c: { setting: { name: "containerInsights", value: "enabled" } } } }) },
    ],
  },
  "SUMA-ECR-001": {
    violating: [
      { what: "mutable tags", stack: stack(ecr({ image_tag_mutability: "MUTABLE" })), address: "aws_ecr_repository.repo", expect: /image_tag_mutability is MUTABLE/ },
      { what: "the default", stack: stack(ecr({ image_tag_mutability: undefined })), address: "aws_ecr_repository.repo", expect: /AWS default MUTABLE/ },
    ],
    compliant: [{ what: "immutable tags", stack: stack(ecr()) }],
  },
  "SUMA-ECR-002": {
    violating: [{ what: "no scanning", stack: stack(ecr({ image_scanning_configuration: { scan_on_push: false } })), address: "aws_ecr_repository.repo", expect: /scan_on_push is not true/ }],
    compliant: [
      { what: "scan on push", stack: stack(ecr()) },
      {
        what: "registry-level enhanced scanning",
        stack: stack(ecr({ image_scanning_configuration: undefined }), { aws_ecr_registry_scanning_configuration: { registry: { scan_type: "ENHANCED" } } }),
      },
    ],
  },
  "SUMA-ECR-003": {
    violating: [
      { what: "AES256", stack: stack(ecr({ encryption_configuration: undefined })), address: "aws_ecr_repository.repo", expect: /encryption_type is unset/ },
      { what: "KMS with the AWS-managed key", stack: stack(ecr({ encryption_configuration: [{ encryption_type: "KMS" }] })), address: "aws_ecr_repository.repo", expect: /without kms_key/ },
    ],
    compliant: [{ what: "a customer-managed key", stack: stack(ecr()) }],
  },
  "SUMA-S3-001": {
    violating: [
      { what: "no block", stack: stack(bucket), address: "aws_s3_bucket.logs", expect: /no aws_s3_bucket_public_access_block/ },
      {
        what: "a partial block",
        stack: stack(bucket, bucketCompanion("aws_s3_bucket_public_access_block", { ...allFour, restrict_public_buckets: false })),
        address: "aws_s3_bucket.logs",
        expect: /does not set restrict_public_buckets to true/,
      },
    ],
    compliant: [
      { what: "all four, by reference", stack: stack(bucket, bucketCompanion("aws_s3_bucket_public_access_block", allFour)) },
      { what: "all four, by literal bucket name", stack: stack(bucket, bucketCompanion("aws_s3_bucket_public_access_block", allFour, "suma-logs")) },
      { what: "the account-level block", stack: stack(bucket, { aws_s3_account_public_access_block: { account: allFour } }) },
    ],
  },
  "SUMA-S3-002": {
    violating: [
      { what: "no encryption configuration", stack: stack(bucket), address: "aws_s3_bucket.logs", expect: /no aws_s3_bucket_server_side_encryption_configuration/ },
      { what: "a configuration without an algorithm", stack: stack(bucket, bucketCompanion("aws_s3_bucket_server_side_encryption_configuration", { rule: [{}] })), address: "aws_s3_bucket.logs", expect: /sets no sse_algorithm/ },
    ],
    compliant: [
      {
        what: "SSE-KMS",
        stack: stack(bucket, bucketCompanion("aws_s3_bucket_server_side_encryption_configuration", { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: "k" } }] })),
      },
    ],
  },
  "SUMA-S3-003": {
    violating: [
      { what: "no bucket policy", stack: stack(bucket), address: "aws_s3_bucket.logs", expect: /no aws_s3_bucket_policy/ },
      { what: "a policy without the deny", stack: stack(bucket, bucketPolicy({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject" })), address: "aws_s3_bucket.logs", expect: /no statement denying/ },
      { what: "a deny scoped to one action", stack: stack(bucket, bucketPolicy({ ...denyHttp, Action: "s3:GetObject" })), address: "aws_s3_bucket.logs", expect: /no statement denying/ },
    ],
    compliant: [
      { what: "the deny statement", stack: stack(bucket, bucketPolicy(denyHttp)) },
      { what: "the deny with a boolean and AWS \"*\"", stack: stack(bucket, bucketPolicy({ ...denyHttp, Principal: { AWS: "*" }, Condition: { Bool: { "aws:SecureTransport": false } } })) },
    ],
  },
  "SUMA-S3-004": {
    violating: [
      { what: "no versioning", stack: stack(bucket), address: "aws_s3_bucket.logs", expect: /no aws_s3_bucket_versioning/ },
      { what: "suspended", stack: stack(bucket, bucketCompanion("aws_s3_bucket_versioning", { versioning_configuration: { status: "Suspended" } })), address: "aws_s3_bucket.logs", expect: /versioning is Suspended/ },
    ],
    compliant: [{ what: "enabled", stack: stack(bucket, bucketCompanion("aws_s3_bucket_versioning", { versioning_configuration: { status: "Enabled" } })) }],
  },
  "SUMA-S3-005": {
    violating: [
      { what: "no ownership controls", stack: stack(bucket), address: "aws_s3_bucket.logs", expect: /no aws_s3_bucket_ownership_controls/ },
      { what: "ObjectWriter", stack: stack(bucket, bucketCompanion("aws_s3_bucket_ownership_controls", { rule: { object_ownership: "ObjectWriter" } })), address: "aws_s3_bucket.logs", expect: /object_ownership is ObjectWriter/ },
    ],
    compliant: [{ what: "BucketOwnerEnforced", stack: stack(bucket, bucketCompanion("aws_s3_bucket_ownership_controls", { rule: [{ object_ownership: "BucketOwnerEnforced" }] })) }],
  },
  "SUMA-KMS-001": {
    violating: [{ what: "rotation off", stack: stack(kmsKey({ enable_key_rotation: false })), address: "aws_kms_key.key", expect: /enable_key_rotation is not true/ }],
    compliant: [
      { what: "rotation on", stack: stack(kmsKey()) },
      { what: "an asymmetric key", stack: stack(kmsKey({ enable_key_rotation: undefined, customer_master_key_spec: "RSA_2048", key_usage: "SIGN_VERIFY" })) },
    ],
  },
  "SUMA-KMS-002": {
    violating: [
      { what: "5 days", stack: stack(kmsKey({ deletion_window_in_days: 5 })), address: "aws_kms_key.key", expect: /is 5, outside 7 to 30/ },
      { what: "45 days", stack: stack(kmsKey({ deletion_window_in_days: 45 })), address: "aws_kms_key.key", expect: /is 45, outside/ },
      { what: "a token", stack: stack(kmsKey({ deletion_window_in_days: "${var.days}" })), address: "aws_kms_key.key", expect: /not a literal number/ },
    ],
    compliant: [
      { what: "unset", stack: stack(kmsKey({ deletion_window_in_days: undefined })) },
      { what: "7 days", stack: stack(kmsKey({ deletion_window_in_days: 7 })) },
      { what: "30 days", stack: stack(kmsKey()) },
    ],
  },
  "SUMA-KMS-003": {
    violating: [{ what: "7 days without prevent_destroy", stack: stack(kmsKey({ deletion_window_in_days: 7 })), address: "aws_kms_key.key", expect: /is 7 and lifecycle\.prevent_destroy is not true/ }],
    compliant: [
      { what: "7 days with prevent_destroy", stack: stack(kmsKey({ deletion_window_in_days: 7, lifecycle: { prevent_destroy: true } })) },
      { what: "30 days", stack: stack(kmsKey()) },
    ],
  },
  "SUMA-KMS-004": {
    violating: [
      { what: 'kms:* to "*"', stack: stack(kmsKey({ policy: keyPolicy(adminStatement, { Sid: "Open", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }) })), address: "aws_kms_key.key", expect: /statement Open grants kms:\* to Principal "\*"/ },
      {
        what: 'kms:* to AWS "*" even with a condition',
        stack: stack(kmsKey({ policy: keyPolicy({ Effect: "Allow", Principal: { AWS: "*" }, Action: ["kms:*"], Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }) })),
        address: "aws_kms_key.key",
        expect: /statement #0 grants kms:\* to Principal "\*"/,
      },
      {
        what: "kms:* to another account without a condition",
        stack: stack(kmsKey({ policy: keyPolicy({ Sid: "Partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:*", Resource: "*" }) })),
        address: "aws_kms_key.key",
        expect: /Partner grants kms:\* without a condition to AWS arn:aws:iam::999999999999:root/,
      },
      {
        what: "* to a service without a condition, in an aws_kms_key_policy",
        stack: stack({ aws_kms_key_policy: { p: { key_id: "k", policy: keyPolicy({ Sid: "Svc", Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "*", Resource: "*" }) } } }),
        address: "aws_kms_key_policy.p",
        expect: /Svc grants kms:\* without a condition to Service logs\.amazonaws\.com/,
      },
    ],
    compliant: [
      { what: "kms:* to the account root (caller identity)", stack: stack(kmsKey({ policy: keyPolicy(adminStatement) })) },
      {
        what: "kms:* to the account root by the provider's allowed account id",
        stack: { ...stack(kmsKey({ policy: keyPolicy({ ...adminStatement, Principal: { AWS: "arn:aws:iam::222222222222:root" } }) })), provider: { aws: [{ allowed_account_ids: ["222222222222"] }] } } as TerraformJson,
      },
      {
        what: "kms:* to another account with a condition, and Decrypt to a service",
        stack: stack(
          kmsKey({
            policy: keyPolicy(
              adminStatement,
              { Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:*", Resource: "*", Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } },
              { Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Resource: "*" },
              { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ),
          }),
        ),
      },
      { what: "a policy from a data source (not readable here)", stack: stack(kmsKey({ policy: "${data.aws_iam_policy_document.key.json}" })) },
    ],
  },
};

// ---- Tests ----------------------------------------------------------------------------------------

const ruleById = new Map(INFRA_RULES.map((rule) => [rule.id, rule]));

function findingsOf(ruleId: string, fixture: TerraformJson) {
  return runPolicy({ fixture }, [ruleById.get(ruleId)!], []).findings;
}

const violatingRows = Object.entries(FIXTURES).flatMap(([id, f]) => f.violating.map((v) => [id, v.what, v] as const));
const compliantRows = Object.entries(FIXTURES).flatMap(([id, f]) => f.compliant.map((c) => [id, c.what, c] as const));

describe("INFRA_RULES fixtures", () => {
  it("has a violating and a compliant fixture for every rule, and none for unknown rules", () => {
    const ids = INFRA_RULES.map((r) => r.id);
    expect(Object.keys(FIXTURES).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(FIXTURES[id]!.violating.length).toBeGreaterThan(0);
      expect(FIXTURES[id]!.compliant.length).toBeGreaterThan(0);
    }
  });

  it.each(violatingRows)("%s flags %s", (id, _what, fixture) => {
    const findings = findingsOf(id, fixture.stack);
    const onResource = findings.filter((f) => f.address === fixture.address);
    expect(onResource.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(fixture.expect)]));
    expect(findings.every((f) => f.ruleId === id && f.severity === ruleById.get(id)!.severity)).toBe(true);
  });

  it.each(compliantRows)("%s passes %s", (id, _what, fixture) => {
    expect(findingsOf(id, fixture.stack)).toEqual([]);
  });
});

describe("INFRA_RULES metadata", () => {
  it.each(INFRA_RULES.map((r) => [r.id, r] as const))("%s is complete", (_id, rule) => {
    expect(rule.id).toMatch(/^SUMA-(NET|ALB|WAF|ECS|ECR|S3|KMS)-\d{3}$/);
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.rationale.length).toBeGreaterThan(60);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    const { pci, soc2, cis } = rule.controls;
    expect(pci.length + soc2.length + cis.length).toBeGreaterThan(0);
    for (const id of pci) expect(id).toMatch(/^\d{1,2}(\.\d+){1,3}$/);
    for (const id of soc2) expect(id).toMatch(/^(CC\d\.\d+|A1\.\d|C1\.\d|PI1\.\d|P\d\.\d)$/);
    for (const id of cis) expect(id).toMatch(/^\d(\.\d+){1,2}$/);
  });

  it("has unique ids and covers each area with its minimum number of rules", () => {
    const ids = INFRA_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const count = (area: RegExp) => ids.filter((id) => area.test(id)).length;
    expect(count(/-NET-/)).toBeGreaterThanOrEqual(5);
    expect(count(/-(ALB|WAF)-/)).toBeGreaterThanOrEqual(5);
    expect(count(/-(ECS|ECR)-/)).toBeGreaterThanOrEqual(5);
    expect(count(/-S3-/)).toBeGreaterThanOrEqual(4);
    expect(count(/-KMS-/)).toBeGreaterThanOrEqual(3);
  });

  it("maps each rule to the CIS recommendations it evidences", () => {
    const cisOf = (id: string) => ruleById.get(id)!.controls.cis;
    expect(cisOf("SUMA-NET-001")).toContain("3.7");
    expect(cisOf("SUMA-NET-002")).toContain("5.4");
    expect(cisOf("SUMA-NET-003")).toEqual(expect.arrayContaining(["5.2", "5.3"]));
    expect(cisOf("SUMA-NET-005")).toContain("5.1");
    expect(cisOf("SUMA-S3-001")).toContain("2.1.4");
    expect(cisOf("SUMA-S3-003")).toContain("2.1.1");
    expect(cisOf("SUMA-KMS-001")).toContain("3.6");
    expect(ruleById.get("SUMA-NET-003")!.controls.pci).toContain("1.3.1");
  });
});
