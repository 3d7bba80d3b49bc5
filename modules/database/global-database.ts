import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { RdsGlobalCluster } from "@cdktf/provider-aws/lib/rds-global-cluster";
import { RDS_CLUSTER_ARN } from "../core/patterns";
import { isLiteral, literalMismatch } from "../core/literal";
import { throwIfProblems, type WithDefaults } from "../core/validation";
import { RDS_IDENTIFIER, RDS_IDENTIFIER_MAX_LENGTH } from "./validate";

/** Props of `GlobalDatabase`: the global cluster's identifier and the existing cluster that becomes its primary. */
export interface GlobalDatabaseProps {
  /**
   * The global cluster's identifier, e.g. `acme-prod-global`: a lower-case letter, then a-z, 0-9 and
   * single hyphens, no trailing hyphen, at most 63 characters. Secondaries join the global cluster by it.
   */
  readonly globalClusterIdentifier: string;
  /**
   * ARN of the existing cluster that becomes the global cluster's primary (writer), e.g.
   * `AuroraPostgresCluster.clusterArn`. Engine, engine version, encryption and database all come from it.
   * That cluster must ignore `global_cluster_identifier`, as `AuroraPostgresCluster` with a primary role does.
   */
  readonly sourceClusterArn: string;
  /**
   * RDS refuses to delete the global cluster while this is on.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * `lifecycle.prevent_destroy`: Terraform refuses any plan that destroys or replaces the global cluster.
   * @default true
   */
  readonly preventDestroy?: boolean;
  /**
   * The provider of the primary cluster's region (the global cluster is managed through it).
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/** Every problem of the props, one `<prop>: <reason>` each; empty when they are valid. */
export function globalDatabaseProblems(props: GlobalDatabaseProps): string[] {
  const problems: string[] = [];
  const identifier = props.globalClusterIdentifier;
  if (isLiteral(identifier) && (!RDS_IDENTIFIER.test(identifier) || identifier.length > RDS_IDENTIFIER_MAX_LENGTH)) {
    problems.push(
      `globalClusterIdentifier: "${identifier}" must start with a lower-case letter, hold only a-z, 0-9 and single hyphens, not end with a hyphen, and be at most ${RDS_IDENTIFIER_MAX_LENGTH} characters`,
    );
  }
  if (literalMismatch(props.sourceClusterArn, RDS_CLUSTER_ARN)) {
    problems.push(
      `sourceClusterArn: "${props.sourceClusterArn}" is not an Aurora DB cluster ARN such as "arn:aws:rds:us-east-1:123456789012:cluster:acme-prod"`,
    );
  }
  return problems;
}

/** Throws one PropsError with every problem of the props; returns them with defaults filled in. */
export function checkGlobalDatabaseProps(
  where: string,
  props: GlobalDatabaseProps,
): WithDefaults<GlobalDatabaseProps, "deletionProtection" | "preventDestroy"> {
  throwIfProblems(where, globalDatabaseProblems(props));
  return {
    ...props,
    deletionProtection: props.deletionProtection ?? true,
    preventDestroy: props.preventDestroy ?? true,
  };
}

/**
 * An Aurora global database made from an existing cluster, which becomes its primary. Secondaries in
 * other regions join it by `globalClusterIdentifier` (see `AuroraPostgresCluster` with a secondary role).
 */
export class GlobalDatabase extends Construct {
  /** The global cluster resource. */
  readonly globalCluster: RdsGlobalCluster;
  /** Identifier of the global cluster: what secondaries join by and `GlobalWriterEndpoint` looks up. */
  readonly globalClusterIdentifier: string;
  /** ARN of the global cluster, for IAM statements (failover, switchover). */
  readonly globalClusterArn: string;

  constructor(scope: Construct, id: string, props: GlobalDatabaseProps) {
    super(scope, id);
    const {
      globalClusterIdentifier: identifier,
      deletionProtection,
      preventDestroy,
    } = checkGlobalDatabaseProps(this.node.path, props);

    this.globalCluster = new RdsGlobalCluster(this, "global-cluster", {
      globalClusterIdentifier: identifier,
      // No engine, engine_version, storage_encrypted or database_name: with a source cluster RDS takes
      // them all from it (and the provider rejects engine beside source_db_cluster_identifier).
      sourceDbClusterIdentifier: props.sourceClusterArn,
      // The provider requires force_destroy whenever source_db_cluster_identifier is set (schema
      // RequiredWith; the docs' "New Global Cluster From Existing DB Cluster" example sets it), so that a
      // Terraform destroy can detach the member clusters (secondaries, then the writer) before deleting the
      // global cluster. It deletes no cluster, but detaching a secondary ends its replication. It only acts on
      // a destroy of this resource, and prevent_destroy (on by default) makes Terraform refuse any plan that
      // destroys or replaces it, so it never runs by accident. deletion_protection guards the other way in:
      // RDS refuses DeleteGlobalCluster from the console or CLI. It is not a guard against a Terraform destroy
      // on its own, because the provider detaches the members before it calls DeleteGlobalCluster, which is
      // the call deletion_protection refuses: keep prevent_destroy on.
      forceDestroy: true,
      deletionProtection,
      lifecycle: {
        preventDestroy,
        ignoreChanges: [
          // Minor upgrades are applied to the members underneath (maintenance window, auto minor upgrade);
          // planning back to the version recorded at creation would try a downgrade.
          "engine_version",
          // Create-only and ForceNew, and the provider cannot read it back (its docs advise ignoring it after
          // an import). After a failover or switchover the writer is another cluster, and if the old primary
          // is ever rebuilt under a new ARN, the changed input must not plan a replacement of the global cluster.
          "source_db_cluster_identifier",
        ],
      },
      provider: props.provider,
    });
    this.globalClusterIdentifier = this.globalCluster.globalClusterIdentifier;
    this.globalClusterArn = this.globalCluster.arn;
  }
}
