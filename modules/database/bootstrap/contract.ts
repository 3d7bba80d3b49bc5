/**
 * What the pipeline and the task definition agree on, for the database bootstrap. Pure: the
 * workflow generator imports it without cdktf.
 */

/** The container's name in the task definition; the pipeline reads its exit code. */
export const DATABASE_BOOTSTRAP_CONTAINER = "bootstrap";

/** The task definition family of a name prefix: `<name>-db-bootstrap`. */
export function databaseBootstrapFamily(name: string): string {
  return `${name}-db-bootstrap`;
}

/** The SSM parameter name the task's network configuration is published under. */
export function databaseBootstrapNetworkParameterName(name: string): string {
  return `/${name}/database-bootstrap/network-configuration`;
}
