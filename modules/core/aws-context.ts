import { TerraformStack, type TerraformProvider } from "cdktf";
import type { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";

/** Account, partition and region of the provider a construct deploys with, as Terraform references. */
export interface AwsContext {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;
  /** e.g. "amazonaws.com": service principals are `<service>.<dnsSuffix>`. */
  readonly dnsSuffix: string;
}

const contexts = new WeakMap<object, AwsContext>();

/**
 * One set of caller-identity, partition and region data sources per stack and provider,
 * shared by every construct that needs them, instead of each construct declaring its own.
 */
export function awsContext(scope: Construct, provider?: TerraformProvider): AwsContext {
  const stack = TerraformStack.of(scope);
  const key: object = provider ?? stack;
  const cached = contexts.get(key);
  if (cached) return cached;
  const suffix = provider ? `-${provider.node.id}` : "";
  const meta = provider ? { provider } : {};
  const caller = new DataAwsCallerIdentity(stack, `aws-context-caller${suffix}`, meta);
  const partition = new DataAwsPartition(stack, `aws-context-partition${suffix}`, meta);
  const region = new DataAwsRegion(stack, `aws-context-region${suffix}`, meta);
  const context: AwsContext = {
    accountId: caller.accountId,
    partition: partition.partition,
    region: region.region,
    dnsSuffix: partition.dnsSuffix,
  };
  contexts.set(key, context);
  return context;
}
