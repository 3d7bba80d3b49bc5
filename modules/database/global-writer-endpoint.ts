import { Construct } from "constructs";
import type { ITerraformDependable, TerraformProvider } from "cdktf";
import { DataAwsRdsGlobalCluster } from "@cdktf/provider-aws/lib/data-aws-rds-global-cluster";
import { isLiteral } from "../core/literal";
import { throwIfProblems } from "../core/validation";
import { RDS_IDENTIFIER, RDS_IDENTIFIER_MAX_LENGTH } from "./validate";

/** Props of `GlobalWriterEndpoint`: the global cluster whose writer endpoint is looked up, and from which region. */
export interface GlobalWriterEndpointProps {
  /** Identifier of the Aurora global cluster this region's cluster is a member of, e.g. `acme-prod-global`. */
  readonly globalClusterIdentifier: string;
  /**
   * What must exist before the lookup, e.g. this region's secondary cluster (so the global cluster
   * has a member in the region the lookup runs in).
   * @default [] (read at plan time)
   */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * AWS provider (account and region) the lookup runs with: the region of the member cluster, never the primary's.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function globalWriterEndpointProblems(props: GlobalWriterEndpointProps): string[] {
  const identifier = props.globalClusterIdentifier;
  if (!isLiteral(identifier) || (RDS_IDENTIFIER.test(identifier) && identifier.length <= RDS_IDENTIFIER_MAX_LENGTH))
    return [];
  return [
    `globalClusterIdentifier: "${identifier}" must start with a lower-case letter, hold only a-z, 0-9 and single hyphens, not end with a hyphen, and be at most ${RDS_IDENTIFIER_MAX_LENGTH} characters`,
  ];
}

/** Throws one PropsError with every problem of the props; returns them unchanged (they have no defaults to fill in). */
export function checkGlobalWriterEndpointProps(
  where: string,
  props: GlobalWriterEndpointProps,
): GlobalWriterEndpointProps {
  throwIfProblems(where, globalWriterEndpointProblems(props));
  return props;
}

/**
 * The writer endpoint of an Aurora global database, looked up through this region's RDS API.
 *
 * The endpoint always resolves to the current primary cluster's writer, so clients follow a
 * switchover or failover without a changed connection string. Its name starts with the global
 * cluster's identifier but carries a suffix RDS picks, so it can't be built from the identifier,
 * account and region: a secondary region's stack reads it from its own region's RDS API (the
 * global cluster is described there, because a member cluster lives there), never from the primary
 * stack's state, and plans while the primary region is down.
 */
export class GlobalWriterEndpoint extends Construct {
  /** The data source that reads the global cluster in this region. */
  readonly lookup: DataAwsRdsGlobalCluster;
  /** Host name of the global writer endpoint. */
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: GlobalWriterEndpointProps) {
    super(scope, id);
    const { globalClusterIdentifier: identifier } = checkGlobalWriterEndpointProps(this.node.path, props);
    this.lookup = new DataAwsRdsGlobalCluster(this, "global-cluster", {
      identifier,
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      provider: props.provider,
    });
    this.endpoint = this.lookup.endpoint;
  }
}
