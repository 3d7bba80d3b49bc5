export { StateBucket, type StateBucketProps } from "./state-bucket";
export { HcpTerraformBackend, useS3Backend, type HcpTerraformBackendProps, type S3StateBackendProps } from "./backends";
