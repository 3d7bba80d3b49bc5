import type { DeployabilityAppCheck } from "../../../rule";
import { applyOrderProblem, isLiteral, literalOwners } from "../../../rule-helpers";

/** SUMA-DEP-604: a stack whose S3 backend bucket another stack creates is applied after it. */
export const StateBucketCreatedFirst: DeployabilityAppCheck = {
  id: "SUMA-DEP-604",
  title: "A stack is applied after the stack that creates its S3 state bucket",
  severity: "error",
  controls: { pci: ["10.3.2"], soc2: ["CC8.1"], cis: [] },
  constraint: "terraform init with an S3 backend fails when the bucket does not exist; the backend does not create it.",
  source: {
    title: "Terraform: Backend type s3 (bucket must already exist)",
    url: "https://developer.hashicorp.com/terraform/language/backend/s3",
  },
  rationale:
    "Every stack but the state bootstrap keeps its state in a bucket a state stack creates. Without a declared dependency, cdktf may run the stack first and init fails. " +
    "Fix: make the stack depend on the state stack of its account and region (buildApp does).",
  checkApp: (app) => {
    const buckets = literalOwners(app, "aws_s3_bucket", (v) => (isLiteral(v.bucket) ? v.bucket : undefined));
    return Object.entries(app.stacks).flatMap(([stackName, stack]) => {
      const bucket = (stack as { terraform?: { backend?: { s3?: { bucket?: unknown } } } }).terraform?.backend?.s3
        ?.bucket;
      if (!isLiteral(bucket)) return [];
      return applyOrderProblem(
        app,
        { stack: stackName, address: "terraform.backend.s3" },
        buckets.get(bucket),
        `state bucket "${bucket}"`,
      );
    });
  },
};
