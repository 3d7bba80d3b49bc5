import type { AppProblem, DeployabilityAppCheck } from "../../../rule";
import { keyPinningDenies, KMS_KEY_ID_HEADER } from "../../../rule-helpers";
import { resourcesOfType, type TerraformJson } from "../../../terraform-json";

/** What the checks read of a stack besides resources. */
interface StackWithBackend extends TerraformJson {
  readonly terraform?: { readonly backend?: { readonly s3?: Readonly<Record<string, unknown>> } };
}

/** Whether one value of a key-pinning condition admits the key id the backend sends. */
function admits(admitted: string, sent: string, stack: TerraformJson): boolean {
  if (admitted === sent) return true;
  const aliasRef = /^\$\{aws_kms_alias\.([^.]+)\.arn\}$/.exec(admitted)?.[1];
  if (aliasRef) {
    const name = stack.resource?.aws_kms_alias?.[aliasRef]?.name;
    return typeof name === "string" && /^arn:[^:]+:kms:[^:]+:\d{12}:alias\//.test(sent) && sent.endsWith(`:${name}`);
  }
  // A key ARN known only at apply time: it can match a backend that names the key by ARN.
  return /^\$\{aws_kms_key\.[^.]+\.arn\}$/.test(admitted) && /^arn:[^:]+:kms:[^:]+:\d{12}:key\//.test(sent);
}

export const StateBucketPinsBackendKey: DeployabilityAppCheck = {
  id: "SUMA-DEP-703",
  title: "The Terraform state bucket denies any KMS key but the state key, and admits the key id the S3 backend sends",
  severity: "error",
  controls: { pci: ["3.5.1", "3.6.1", "6.5.1"], soc2: ["CC6.1", "CC8.1", "A1.2"], cis: [] },
  constraint:
    "The S3 backend sends its kms_key_id as given (a key ARN or an alias ARN) in x-amz-server-side-encryption-aws-kms-key-id, and the " +
    "bucket policy's condition compares that header as sent: a pin that lists only the key ARN refuses a backend configured with the " +
    "alias ARN, and a bucket without a pin accepts state encrypted with aws/s3 or any other key.",
  source: {
    title:
      "Amazon S3 User Guide: Specifying server-side encryption with AWS KMS (SSE-KMS), Requiring SSE-KMS for all objects written to a bucket",
    url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/specifying-kms-encryption.html",
  },
  rationale:
    "A pin that misses the backend's form fails every state write (the apply's changes are then untracked); no pin lets state leave the " +
    "state key's protection. Fix: deny PutObject unless the key id is the state key's ARN or its alias ARN (StateBucket does).",
  checkApp: ({ stacks }) => {
    const problems: AppProblem[] = [];
    const buckets = Object.entries(stacks).flatMap(([stackName, stack]) =>
      resourcesOfType(stack, "aws_s3_bucket").map(([name, values]) => ({
        stackName,
        stack,
        name,
        bucket: values.bucket,
      })),
    );
    const reported = new Set<string>();
    for (const [user, json] of Object.entries(stacks)) {
      const backend = (json as StackWithBackend).terraform?.backend?.s3;
      const sent = backend?.kms_key_id;
      if (!backend || typeof sent !== "string") continue;
      const owner = buckets.find((b) => b.bucket === backend.bucket);
      if (!owner) continue;
      const policies = resourcesOfType(owner.stack, "aws_s3_bucket_policy").filter(
        ([, p]) => p.bucket === `\${aws_s3_bucket.${owner.name}.id}` || p.bucket === owner.bucket,
      );
      const pins = policies.flatMap(([policyName, p]) => keyPinningDenies(p.policy).map((d) => ({ policyName, ...d })));
      const key = `${owner.stackName}|${String(owner.bucket)}|${sent}`;
      if (reported.has(key)) continue;
      reported.add(key);
      if (pins.length === 0) {
        problems.push({
          stack: owner.stackName,
          address: `aws_s3_bucket.${owner.name}`,
          message: `state bucket ${String(owner.bucket)} (backend of ${user}) has no Deny on ${KMS_KEY_ID_HEADER}: uploads encrypted with aws/s3 or any other KMS key are accepted`,
        });
        continue;
      }
      for (const pin of pins) {
        if (!pin.admitted.some((a) => admits(a, sent, owner.stack))) {
          problems.push({
            stack: owner.stackName,
            address: `aws_s3_bucket_policy.${pin.policyName}`,
            message: `statement ${JSON.stringify(pin.statement.Sid ?? "(no Sid)")} admits only ${pin.admitted.join(", ")}, but the backend of ${user} sends ${sent}: every state write is denied`,
          });
        }
      }
    }
    return problems;
  },
};
