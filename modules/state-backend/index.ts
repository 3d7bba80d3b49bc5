export { StateBucket, type StateBucketProps } from "./state-bucket";
export {
  checkHcpTerraformBackendProps,
  HcpTerraformBackend,
  hcpTerraformBackendProblems,
  useS3Backend,
  type HcpTerraformBackendProps,
  type S3StateBackendProps,
} from "./backends";
