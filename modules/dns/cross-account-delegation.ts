import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsRoute53Zone } from "@cdktf/provider-aws/lib/data-aws-route53-zone";
import { isLiteral as literal, literalMismatch } from "../core/literal";
import { ACCOUNT_ID, IAM_ROLE_ARN } from "../core/patterns";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { ZoneDelegation } from "./delegation";

/** Props of `CrossAccountZoneDelegation`: the child zone here, the parent zone and the account that owns it. */
export interface CrossAccountZoneDelegationProps {
  /** The zone being delegated (in this stack's account), e.g. `nonprod.auth.example.com`. */
  readonly zoneName: string;
  /** Its name servers, e.g. `PublicZone.nameServers` of the same stack. */
  readonly nameServers: string[];
  /** The parent zone's name, e.g. `auth.example.com`; it is looked up by name in the parent account. */
  readonly parentZoneName: string;
  /** The account that owns the parent zone. */
  readonly parentAccountId: string;
  /**
   * The role in the parent account this stack assumes to write the NS record (a
   * `ZoneDelegationRole`): built from account id and name, never read from the parent's state.
   */
  readonly roleArn: string;
  /**
   * Region of the aliased provider. Route 53 is global; give the stack's own region so the plan
   * calls nothing in another region.
   */
  readonly region: string;
  /**
   * Alias of the AWS provider that assumes the role.
   * @default "dns-parent"
   */
  readonly providerAlias?: string;
  /**
   * TTL of the NS record.
   * @default 3600 (DELEGATION_DEFAULTS.ttlSeconds)
   */
  readonly ttlSeconds?: number;
}

/** Every problem with the props, as `<prop>: <reason>` lines; skips unresolved tokens. */
export function crossAccountZoneDelegationProblems(props: CrossAccountZoneDelegationProps): string[] {
  const problems: string[] = [];
  if (literalMismatch(props.parentAccountId, ACCOUNT_ID))
    problems.push(`parentAccountId: "${props.parentAccountId}" is not a 12-digit AWS account id`);
  if (literal(props.roleArn)) {
    const account = IAM_ROLE_ARN.exec(props.roleArn)?.[1];
    if (!account) problems.push(`roleArn: "${props.roleArn}" is not an IAM role ARN`);
    else if (literal(props.parentAccountId) && account !== props.parentAccountId) {
      problems.push(
        `roleArn: "${props.roleArn}" is in account ${account}, not in the parent zone's account ${props.parentAccountId}`,
      );
    }
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkCrossAccountZoneDelegationProps(
  where: string,
  props: CrossAccountZoneDelegationProps,
): WithDefaults<CrossAccountZoneDelegationProps, "providerAlias"> {
  throwIfProblems(where, crossAccountZoneDelegationProblems(props));
  return { ...props, providerAlias: props.providerAlias ?? "dns-parent" };
}

/**
 * Delegates this account's zone from a parent zone in another account: an AWS provider that
 * assumes the parent account's delegation role (pinned to that account), a lookup of the parent
 * zone by name through it, and the NS record written there with this zone's name servers. The
 * stack reads nothing from the parent stack's state (S3 and KMS would refuse this account's
 * credentials there); it must be applied after the stack that creates the role and the zone.
 *
 * @example
 * ```ts
 * new CrossAccountZoneDelegation(this, "delegation", {
 *   zoneName: "nonprod.auth.example.com",
 *   nameServers: zone.nameServers,
 *   parentZoneName: "auth.example.com",
 *   parentAccountId: "222222222222",
 *   roleArn: "arn:aws:iam::222222222222:role/acme-dns-delegation-111111111111",
 *   region: "us-east-1",
 * });
 * ```
 */
export class CrossAccountZoneDelegation extends Construct {
  /** The AWS provider that assumes the parent account's delegation role. */
  readonly provider: AwsProvider;
  /** The parent zone, looked up by name in the parent account. */
  readonly parentZone: DataAwsRoute53Zone;
  /** The NS record written in the parent zone. */
  readonly delegation: ZoneDelegation;

  constructor(scope: Construct, id: string, props: CrossAccountZoneDelegationProps) {
    super(scope, id);
    const { providerAlias } = checkCrossAccountZoneDelegationProps(this.node.path, props);
    this.provider = new AwsProvider(this, "provider", {
      alias: providerAlias,
      region: props.region,
      // A wrong role (or one that resolves to another account) fails the plan instead of writing elsewhere.
      allowedAccountIds: [props.parentAccountId],
      assumeRole: [{ roleArn: props.roleArn, sessionName: "zone-delegation" }],
    });
    this.parentZone = new DataAwsRoute53Zone(this, "parent-zone", {
      name: props.parentZoneName,
      privateZone: false,
      provider: this.provider,
    });
    this.delegation = new ZoneDelegation(this, "ns", {
      parentZoneId: this.parentZone.zoneId,
      parentZoneName: props.parentZoneName,
      zoneName: props.zoneName,
      nameServers: props.nameServers,
      ttlSeconds: props.ttlSeconds,
      provider: this.provider,
    });
  }
}
