import { Construct } from "constructs";
import type { TerraformProvider } from "cdktf";
import { RdsClusterParameterGroup } from "@cdktf/provider-aws/lib/rds-cluster-parameter-group";
import { resourceName } from "../core/naming";
import { AURORA_POSTGRES_ENGINE } from "./props";

/** One parameter of an RDS DB cluster parameter group. */
export interface ClusterParameter {
  /** PostgreSQL or RDS parameter name, e.g. `rds.force_ssl`. */
  readonly name: string;
  /** Its value, as RDS takes it (a string, also for numbers and booleans). */
  readonly value: string;
  /** Static parameters only take effect after a reboot; RDS rejects "immediate" for them. @default "immediate" */
  readonly applyMethod?: "immediate" | "pending-reboot";
}

/**
 * The hardened cluster parameters. Audit logging covers PCI DSS 10.2: connections and
 * disconnections (10.2.1), privilege and schema changes through pgaudit (10.2.1.5 / 10.2.2).
 * Failed authentication attempts need no parameter of their own: with `log_connections` on,
 * PostgreSQL logs every failed sign-in at FATAL ("password authentication failed" /
 * "PAM authentication failed" for IAM tokens), and those lines go to the exported log.
 *
 * pgaudit also needs, once per database, `CREATE ROLE rds_pgaudit` and `CREATE EXTENSION pgaudit`
 * run as the master user: SQL inside the database, outside what Terraform manages. The
 * `DatabaseBootstrapTask` (bootstrap/) runs it, idempotently, before every deploy (SUMA-DEP-212).
 */
export const AURORA_POSTGRES_CLUSTER_PARAMETERS: readonly ClusterParameter[] = [
  // Reject any connection without TLS, and TLS older than 1.2 (PCI DSS 4.2.1).
  { name: "rds.force_ssl", value: "1" },
  { name: "ssl_min_protocol_version", value: "TLSv1.2" },
  { name: "log_connections", value: "1" },
  { name: "log_disconnections", value: "1" },
  // Loading libraries is static: it waits for the next reboot.
  { name: "shared_preload_libraries", value: "pg_stat_statements,pgaudit", applyMethod: "pending-reboot" },
  // ddl: CREATE/ALTER/DROP of schema objects; role: GRANT, REVOKE, CREATE/ALTER/DROP ROLE.
  { name: "pgaudit.log", value: "ddl,role" },
  { name: "pgaudit.role", value: "rds_pgaudit" },
  // Log the statement behind every error, so a failed (possibly malicious) statement is traceable.
  { name: "log_min_error_statement", value: "error" },
];

/** `aurora-postgresql16` for engine version `16.6`. */
export function auroraPostgresFamily(majorVersion: string): string {
  return `${AURORA_POSTGRES_ENGINE}${majorVersion}`;
}

/** Props of `AuroraClusterParameterGroup`: name prefix and engine major version of the hardened parameter group. */
export interface AuroraClusterParameterGroupProps {
  /** Prefix of the group's name; the family is appended. */
  readonly name: string;
  /** Engine major version, e.g. "16". */
  readonly majorVersion: string;
  /**
   * AWS provider (account and region) the resources are created with.
   * @default the stack's default AWS provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * A cluster parameter group with `AURORA_POSTGRES_CLUSTER_PARAMETERS`. Its name carries the
 * family and it is replaced create-before-destroy, so a future major upgrade gets a new group
 * while the cluster still uses the old one.
 */
export class AuroraClusterParameterGroup extends Construct {
  /** The parameter group resource. */
  readonly parameterGroup: RdsClusterParameterGroup;
  /** Name of the parameter group, which the cluster uses. */
  readonly parameterGroupName: string;
  /** The parameter group family, e.g. `aurora-postgresql16`. */
  readonly family: string;

  constructor(scope: Construct, id: string, props: AuroraClusterParameterGroupProps) {
    super(scope, id);
    this.family = auroraPostgresFamily(props.majorVersion);
    this.parameterGroup = new RdsClusterParameterGroup(this, "group", {
      name: resourceName([props.name, this.family]),
      family: this.family,
      description: `Hardened ${this.family} cluster parameters for ${props.name}: TLS only, connection and pgaudit logging`,
      parameter: AURORA_POSTGRES_CLUSTER_PARAMETERS.map((p) => ({
        name: p.name,
        value: p.value,
        applyMethod: p.applyMethod ?? "immediate",
      })),
      lifecycle: { createBeforeDestroy: true },
      provider: props.provider,
    });
    this.parameterGroupName = this.parameterGroup.name;
  }
}
