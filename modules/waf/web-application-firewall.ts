import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchLogResourcePolicy } from "@cdktf/provider-aws/lib/cloudwatch-log-resource-policy";
import {
  Wafv2WebAcl,
  type Wafv2WebAclRule,
  type Wafv2WebAclRuleVisibilityConfig,
} from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { awsContext, type AwsContext } from "../core/aws-context";
import { resourceName } from "../core/naming";
import { policyDocument } from "../core/policy";
import { anyPathStartsWith, awsManagedRuleGroup, rateLimitPerIp, type WebAclStatement } from "./statements";
import { checkFirewallProps, type CheckedFirewallSettings } from "./validate";

/** Encryption and retention of the web ACL's CloudWatch Logs log group. */
export interface WebApplicationFirewallLogging {
  /** ARN of a KMS key whose policy lets CloudWatch Logs in this region use it. */
  readonly kmsKeyArn: string;
  /**
   * Days to keep WAF logs; a CloudWatch Logs retention value.
   * @default 400 (PCI DSS 10.5.1: 12 months)
   */
  readonly retentionInDays?: number;
}

/** Props of `WebApplicationFirewall`: the ACL's name and load balancer, rate limits, managed rule groups, logging. */
export interface WebApplicationFirewallProps {
  /** Name of the web ACL (1-128 of A-Z, a-z, 0-9, "_", "-"); also the base of metric and log group names. */
  readonly name: string;
  /** ARN of the Application Load Balancer the ACL protects. */
  readonly resourceArn: string;
  /**
   * Lower-case path prefixes (after URL-decoding) that take credentials, guarded by the credential rate rule.
   * @default ["/auth/login", "/auth/register"]
   */
  readonly credentialPaths?: readonly string[];
  /**
   * Requests per IP per evaluation window to the credential paths before the IP is blocked (10-2,000,000,000).
   * @default 100 (DEFAULT_RATE_LIMITS)
   */
  readonly credentialRateLimit?: number;
  /**
   * Window the rate rules count over, in seconds: 60, 120, 300 or 600.
   * @default 300
   */
  readonly rateEvaluationWindowSeconds?: number;
  /**
   * Requests per IP per evaluation window to any path before the IP is blocked (10-2,000,000,000).
   * @default 2000 (DEFAULT_RATE_LIMITS)
   */
  readonly globalRateLimit?: number;
  /**
   * AWS managed rule groups applied in order (priorities 10, 20, 30, ...), with their own actions.
   * Groups that need `managed_rule_group_configs` (Bot Control, ATP, ACFP) are not supported here.
   * @default ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList"]
   */
  readonly managedRuleGroups?: readonly string[];
  /** KMS key and retention of the CloudWatch log group the web ACL logs to. */
  readonly logging: WebApplicationFirewallLogging;
  /**
   * Lower-case header names replaced by `REDACTED` in the logs: never log credentials or session tokens.
   * Replaces the default list, so keep its entries when adding others.
   * @default ["authorization", "cookie"]
   */
  readonly redactedHeaders?: readonly string[];
  /**
   * Adds `lifecycle.prevent_destroy` to the log group.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** CloudWatch metric names the ACL publishes (namespace AWS/WAFV2, dimension Rule), for alarms. */
export interface WebAclMetricNames {
  /** The web ACL's own metric (`<name>`): the WebACL dimension, and Rule `ALL` for totals. */
  readonly acl: string;
  /** The credential-path rate rule's metric (`<name>-credential-rate`). */
  readonly credentialRate: string;
  /** The all-paths rate rule's metric (`<name>-global-rate`). */
  readonly globalRate: string;
  /** By rule group name. */
  readonly managedRuleGroups: Readonly<Record<string, string>>;
}

/** CloudWatch metrics and sampled requests for a rule or the ACL, under `metricName`. */
function visibilityConfig(metricName: string): Wafv2WebAclRuleVisibilityConfig {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/**
 * A REGIONAL WAFv2 web ACL for an ALB: per-IP rate limits on credential paths and on all paths,
 * AWS managed rule groups, and KMS-encrypted logs with credentials redacted.
 *
 * @example
 * ```ts
 * new WebApplicationFirewall(this, "waf", {
 *   name: "acme-prod",
 *   resourceArn: alb.loadBalancerArn,
 *   logging: { kmsKeyArn: logsKey.keyArn },
 * });
 * ```
 */
export class WebApplicationFirewall extends Construct {
  /** The web ACL resource. */
  readonly webAcl: Wafv2WebAcl;
  /** ARN of the web ACL. */
  readonly webAclArn: string;
  /** Name of the web ACL, as the WAF console and CLI show it (equal to `metricNames.acl`, the metric name the alarms read). */
  readonly webAclName: string;
  /** The log group of the WAF logs. */
  readonly logGroup: CloudwatchLogGroup;
  /** Name of the log group (`aws-waf-logs-<name>`), for Logs Insights queries. */
  readonly logGroupName: string;
  /** The association of the web ACL with the load balancer. */
  readonly association: Wafv2WebAclAssociation;
  /** The web ACL's logging configuration (with the redacted headers). */
  readonly loggingConfiguration: Wafv2WebAclLoggingConfiguration;
  /** The CloudWatch metric names of the ACL and its rules, for alarms and dashboards. */
  readonly metricNames: WebAclMetricNames;

  constructor(scope: Construct, id: string, props: WebApplicationFirewallProps) {
    super(scope, id);
    const v = checkFirewallProps(this.node.path, props);
    const provider = props.provider;
    const ctx = awsContext(this, provider);

    const metric = (suffix?: string) => (suffix ? `${props.name}-${suffix}` : props.name);
    this.metricNames = {
      acl: metric(),
      credentialRate: metric("credential-rate"),
      globalRate: metric("global-rate"),
      managedRuleGroups: Object.fromEntries(v.managedRuleGroups.map((group) => [group, metric(group)])),
    };
    const rules = this.rules(v);
    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      name: props.name,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibilityConfig(this.metricNames.acl),
      provider,
    });
    this.webAclArn = this.webAcl.arn;
    this.webAclName = this.webAcl.name;

    this.association = new Wafv2WebAclAssociation(this, "association", {
      resourceArn: props.resourceArn,
      webAclArn: this.webAcl.arn,
      provider,
    });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: v.logGroupName,
      kmsKeyId: props.logging.kmsKeyArn,
      retentionInDays: v.retention,
      provider,
      lifecycle: { preventDestroy: props.preventDestroy ?? true },
    });
    this.logGroupName = this.logGroup.name;
    this.loggingConfiguration = this.createLogging(props, v, ctx);
  }

  /** The log group's resource policy for WAF log delivery, then the ACL's logging configuration with the redacted headers. */
  private createLogging(
    props: WebApplicationFirewallProps,
    v: CheckedFirewallSettings,
    ctx: AwsContext,
  ): Wafv2WebAclLoggingConfiguration {
    const provider = props.provider;
    const deliveryPolicy = new CloudwatchLogResourcePolicy(this, "log-delivery-policy", {
      policyName: resourceName([props.name, "waf-log-delivery"]),
      policyDocument: policyDocument([
        {
          Sid: "WafLogDeliveryWritesToThisGroup",
          Effect: "Allow",
          Principal: { Service: "delivery.logs.amazonaws.com" },
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `${this.logGroup.arn}:*`,
          // Confused-deputy guard: only deliveries on behalf of this account.
          Condition: {
            StringEquals: { "aws:SourceAccount": ctx.accountId },
            ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:*` },
          },
        },
      ]),
      provider,
    });
    return new Wafv2WebAclLoggingConfiguration(this, "logging", {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: v.redactedHeaders.map((name) => ({ singleHeader: { name } })),
      dependsOn: [deliveryPolicy],
      provider,
    });
  }

  /** The rules: the two rate rules first, so every request counts towards the limits, even those a managed group would block; then the managed groups. */
  private rules(v: CheckedFirewallSettings): Wafv2WebAclRule[] {
    const rateRule = (
      name: string,
      priority: number,
      metricName: string,
      statement: WebAclStatement,
    ): Wafv2WebAclRule => ({
      name,
      priority,
      action: { block: {} },
      statement,
      visibilityConfig: visibilityConfig(metricName),
    });
    const rules: Wafv2WebAclRule[] = [
      rateRule(
        "credential-rate",
        1,
        this.metricNames.credentialRate,
        rateLimitPerIp(v.credentialRateLimit, v.window, anyPathStartsWith(v.credentialPaths)),
      ),
      rateRule("global-rate", 2, this.metricNames.globalRate, rateLimitPerIp(v.globalRateLimit, v.window)),
      ...v.managedRuleGroups.map((group, i) => ({
        name: group,
        priority: (i + 1) * 10,
        overrideAction: { none: {} },
        statement: awsManagedRuleGroup(group),
        visibilityConfig: visibilityConfig(this.metricNames.managedRuleGroups[group]!),
      })),
    ];
    return rules;
  }
}
