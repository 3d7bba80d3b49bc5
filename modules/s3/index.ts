export { SecureBucket, type SecureBucketProps, type BucketEncryption } from "./secure-bucket";
