import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { literalMismatch } from "../core/literal";
import { throwIfProblems } from "../core/validation";

/** SSM parameter names: "/"-separated, of a-z, A-Z, 0-9, "_", ".", "-", at most 1011 characters. */
const PARAMETER_NAME = /^\/?[A-Za-z0-9_.\-/]{1,1011}$/;

/** Props of `ZoneIdParameter`: the SSM parameter that publishes a hosted zone id to another stack's region. */
export interface ZoneIdParameterProps {
  /** Parameter name, e.g. `/app/dns/auth.example.com/zone-id`. */
  readonly name: string;
  /** The hosted zone id to publish. */
  readonly zoneId: string;
  /**
   * Region the parameter is written in (the provider's `region` argument): the region of the stack
   * that reads it, so that stack reads nothing from this one's region.
   * @default the provider's region
   */
  readonly region?: string;
  /**
   * AWS provider (account) the parameter is created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props (of a ZoneIdParameter or a ZoneIdLookup), one `<prop>: <reason>` each; empty when they are valid. */
export function zoneIdParameterProblems(props: ZoneIdParameterProps | ZoneIdLookupProps): string[] {
  return literalMismatch(props.name, PARAMETER_NAME)
    ? [`name: "${props.name}" is not an SSM parameter name (a-z, A-Z, 0-9, "_", ".", "-", "/")`]
    : [];
}

/** Throws one PropsError with every problem of the props; returns them unchanged (they have no defaults to fill in). */
export function checkZoneIdParameterProps<P extends ZoneIdParameterProps | ZoneIdLookupProps>(
  where: string,
  props: P,
): P {
  throwIfProblems(where, zoneIdParameterProblems(props));
  return props;
}

/**
 * Publishes a hosted zone id as a plain SSM parameter in a chosen region. Route 53 zone ids are
 * global, but the Route 53 control plane and the stack that made the zone live in one region; a
 * stack elsewhere that reads this parameter with `ZoneIdLookup` plans without either.
 */
export class ZoneIdParameter extends Construct {
  /** The SSM parameter holding the zone id. */
  readonly parameter: SsmParameter;

  constructor(scope: Construct, id: string, props: ZoneIdParameterProps) {
    super(scope, id);
    checkZoneIdParameterProps(this.node.path, props);
    this.parameter = new SsmParameter(this, "parameter", {
      name: props.name,
      type: "String",
      // Not a secret: insecure_value keeps it readable in plans.
      insecureValue: props.zoneId,
      description: "Route 53 hosted zone id, for stacks that must plan without the zone's own stack",
      region: props.region,
      provider: props.provider,
    });
  }
}

/** Props of `ZoneIdLookup`: the SSM parameter a `ZoneIdParameter` wrote, read in this stack's region. */
export interface ZoneIdLookupProps {
  /** The parameter a `ZoneIdParameter` wrote in this stack's region. */
  readonly name: string;
  /**
   * AWS provider (account and region) the parameter is read with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Reads a zone id published by `ZoneIdParameter`, in this stack's own region. */
export class ZoneIdLookup extends Construct {
  /** The data source reading the parameter. */
  readonly parameter: DataAwsSsmParameter;
  /** The published hosted zone id, for records and certificates in this stack. */
  readonly zoneId: string;

  constructor(scope: Construct, id: string, props: ZoneIdLookupProps) {
    super(scope, id);
    checkZoneIdParameterProps(this.node.path, props);
    this.parameter = new DataAwsSsmParameter(this, "parameter", { name: props.name, provider: props.provider });
    this.zoneId = this.parameter.insecureValue;
  }
}
