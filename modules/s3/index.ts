export {
  checkSecureBucketProps,
  SecureBucket,
  secureBucketProblems,
  type BucketEncryption,
  type CheckedSecureBucketProps,
  type SecureBucketProps,
} from "./secure-bucket";
