/** Readers shared by the CloudTrail rules: the trail's log group and bucket in the same stack. */
import { resourcesOfType, type ResourceValues, type TerraformJson } from "../terraform-json";
import { parseReference, referencedResource } from "./references";

/** The aws_cloudwatch_log_group a trail delivers to (`${aws_cloudwatch_log_group.x.arn}:*` or a literal ARN). */
export function trailLogGroup(stack: TerraformJson, trail: ResourceValues): [string, ResourceValues] | undefined {
  const arn = trail.cloud_watch_logs_group_arn;
  const ref = parseReference(arn);
  if (ref) {
    if (ref.type !== "aws_cloudwatch_log_group" || ref.attribute !== "arn") return undefined;
    const values = stack.resource?.aws_cloudwatch_log_group?.[ref.name];
    return values ? [ref.name, values] : undefined;
  }
  if (typeof arn !== "string") return undefined;
  const match = /:log-group:([^:]+)(:\*)?$/.exec(arn);
  if (!match) return undefined;
  return resourcesOfType(stack, "aws_cloudwatch_log_group").find(([, v]) => v.name === match[1]);
}

/** The aws_s3_bucket a trail writes to (`s3_bucket_name` referencing its bucket/id, or equal to its literal name). */
export function trailBucket(stack: TerraformJson, trail: ResourceValues): [string, ResourceValues] | undefined {
  return referencedResource(stack, "aws_s3_bucket", trail.s3_bucket_name, ["bucket", "id"], ["bucket"]);
}
