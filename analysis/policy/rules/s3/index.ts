/** S3 buckets: the rules with ids SUMA-S3-NNN, one per file, in id order. */
import type { PolicyRule } from "../../rule";
import { S3BucketPublicAccessBlocked } from "./S3BucketPublicAccessBlocked";
import { S3BucketEncrypted } from "./S3BucketEncrypted";
import { S3BucketDeniesInsecureTransport } from "./S3BucketDeniesInsecureTransport";
import { S3BucketVersioned } from "./S3BucketVersioned";
import { S3BucketOwnerEnforced } from "./S3BucketOwnerEnforced";

export {
  S3BucketPublicAccessBlocked,
  S3BucketEncrypted,
  S3BucketDeniesInsecureTransport,
  S3BucketVersioned,
  S3BucketOwnerEnforced,
};

export const S3_RULES: readonly PolicyRule[] = [
  S3BucketPublicAccessBlocked,
  S3BucketEncrypted,
  S3BucketDeniesInsecureTransport,
  S3BucketVersioned,
  S3BucketOwnerEnforced,
];
