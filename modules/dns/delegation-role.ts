import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { literalMismatch } from "../core/literal";
import { ACCOUNT_ID, DNS_ZONE_NAME, HOSTED_ZONE_ID, IAM_ROLE_NAME } from "../core/patterns";
import { policyDocument } from "../core/policy";
import { throwIfProblems } from "../core/validation";

/** The ARN of a role, from its account and name: known before the role exists, so nothing reads it from state. */
export function roleArn(accountId: string, roleName: string, partition = "aws"): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/**
 * What the delegation role may do, and nothing else. Besides the NS change itself, the AWS
 * provider needs: GetChange to wait for INSYNC; GetHostedZone and ListResourceRecordSets to read
 * the zone and the record back; for a lookup of the parent zone by name (`aws_route53_zone` data
 * source), ListHostedZones (pages every zone, takes no resource) and ListTagsForResource.
 */
export const DELEGATION_ROLE_ACTIONS = {
  /** Writes the child zone's NS record in the parent zone (conditioned to that name and type). */
  change: ["route53:ChangeResourceRecordSets"],
  /** Reads the parent zone and its records back. */
  readZone: ["route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:ListTagsForResource"],
  /** Waits for a change to be INSYNC. */
  readChange: ["route53:GetChange"],
  /** Finds the parent zone by name (no resource-level permissions). */
  listZones: ["route53:ListHostedZones"],
} as const;

/** Props of `ZoneDelegationRole`: the role's name, the parent zone and child zone name, and who may assume it. */
export interface ZoneDelegationRoleProps {
  /** IAM role name, e.g. `acme-dns-delegation-111111111111`. */
  readonly roleName: string;
  /** The parent zone (in this role's account) the NS record is written into. */
  readonly parentZoneId: string;
  /** The delegated (child) zone's name: the only record name the role may change, e.g. `nonprod.auth.example.com`. */
  readonly zoneName: string;
  /** The account that owns the child zone and assumes the role to write its delegation. */
  readonly trustedAccountId: string;
  /**
   * AWS provider (account) the role is created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem with the props, as `<prop>: <reason>` lines; skips unresolved tokens. */
export function zoneDelegationRoleProblems(props: ZoneDelegationRoleProps): string[] {
  const problems: string[] = [];
  if (literalMismatch(props.roleName, IAM_ROLE_NAME))
    problems.push(`roleName: "${props.roleName}" is not an IAM role name (1 to 64 of a-z, A-Z, 0-9, +=,.@_-)`);
  if (literalMismatch(props.parentZoneId, HOSTED_ZONE_ID))
    problems.push(`parentZoneId: "${props.parentZoneId}" is not a hosted zone id such as "Z0123456789ABCDEFGHIJ"`);
  // The condition key compares Route 53's normalized form: lower case, no trailing dot.
  if (literalMismatch(props.zoneName, DNS_ZONE_NAME))
    problems.push(`zoneName: "${props.zoneName}" is not a lower-case DNS name without a trailing dot`);
  if (literalMismatch(props.trustedAccountId, ACCOUNT_ID))
    problems.push(`trustedAccountId: "${props.trustedAccountId}" is not a 12-digit AWS account id`);
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them unchanged (they have no defaults to fill in). */
export function checkZoneDelegationRoleProps(where: string, props: ZoneDelegationRoleProps): ZoneDelegationRoleProps {
  throwIfProblems(where, zoneDelegationRoleProblems(props));
  return props;
}

/**
 * The role another account assumes to delegate its zone from a parent zone in this account: it
 * may create, change and delete the NS record named after the child zone, and nothing else
 * (Route 53's ChangeResourceRecordSets condition keys pin name, type and action). The child
 * account writes its own delegation with its zone's name servers, so the parent's stack needs
 * nothing from the child's state, and the child's stack reads nothing from the parent's: the
 * role's ARN follows from account id and name (`roleArn`).
 *
 * @example
 * ```ts
 * new ZoneDelegationRole(this, "delegation-role", {
 *   roleName: "acme-dns-delegation-111111111111",
 *   parentZoneId: zone.zoneId,
 *   zoneName: "nonprod.auth.example.com",
 *   trustedAccountId: "111111111111",
 * });
 * ```
 */
export class ZoneDelegationRole extends Construct {
  /** The role the child account assumes. */
  readonly role: IamRole;
  /** ARN of the role; the child stack builds the same ARN with `roleArn()`. */
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: ZoneDelegationRoleProps) {
    super(scope, id);
    checkZoneDelegationRoleProps(this.node.path, props);
    const zoneArn = `arn:aws:route53:::hostedzone/${props.parentZoneId}`;
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: `Account ${props.trustedAccountId} writes the NS record delegating ${props.zoneName}`,
      maxSessionDuration: 3600,
      // The child account's IAM decides which of its principals may assume the role.
      assumeRolePolicy: policyDocument([
        {
          Sid: "ChildAccount",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${props.trustedAccountId}:root` },
          Action: "sts:AssumeRole",
        },
      ]),
      provider: props.provider,
    });
    new IamRolePolicy(this, "delegate", {
      role: this.role.id,
      name: "delegate-one-zone",
      policy: policyDocument([
        {
          Sid: "ChildZoneNsRecordOnly",
          Effect: "Allow",
          Action: [...DELEGATION_ROLE_ACTIONS.change],
          Resource: zoneArn,
          Condition: {
            "ForAllValues:StringEquals": {
              "route53:ChangeResourceRecordSetsNormalizedRecordNames": [props.zoneName],
              "route53:ChangeResourceRecordSetsRecordTypes": ["NS"],
              "route53:ChangeResourceRecordSetsActions": ["CREATE", "UPSERT", "DELETE"],
            },
          },
        },
        { Sid: "ReadParentZone", Effect: "Allow", Action: [...DELEGATION_ROLE_ACTIONS.readZone], Resource: zoneArn },
        {
          Sid: "WaitForChange",
          Effect: "Allow",
          Action: [...DELEGATION_ROLE_ACTIONS.readChange],
          Resource: "arn:aws:route53:::change/*",
        },
        // ListHostedZones accepts no resource: AWS requires "*".
        { Sid: "FindParentZone", Effect: "Allow", Action: [...DELEGATION_ROLE_ACTIONS.listZones], Resource: "*" },
      ]),
      provider: props.provider,
    });
    this.roleArn = this.role.arn;
  }
}
