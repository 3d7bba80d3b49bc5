export { DatabaseBootstrapTask } from "./task";
export {
  DATABASE_BOOTSTRAP_CONTAINER,
  databaseBootstrapFamily,
  databaseBootstrapNetworkParameterName,
} from "./contract";
export {
  checkDatabaseBootstrapTaskProps,
  DATABASE_BOOTSTRAP_DEFAULTS,
  DATABASE_BOOTSTRAP_IMAGE,
  databaseBootstrapTaskProblems,
  type CheckedDatabaseBootstrapTaskProps,
  type DatabaseBootstrapTaskProps,
} from "./props";
export {
  databaseBootstrapSql,
  databaseBootstrapSqlProblems,
  PGAUDIT_ROLE,
  RDS_IAM_ROLE,
  type DatabaseBootstrapSqlProps,
} from "./sql";
