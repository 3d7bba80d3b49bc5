import type { AppProblem, DeployabilityAppCheck, SynthesizedApp } from "../../../rule";
import { asString, isToken, stackAccount, stackDocument } from "../../../rule-helpers";
import { dataSourcesOfType, resourcesOfType } from "../../../terraform-json";

/** The 12-digit account ids the app's stacks are pinned to. */
function appAccounts(app: SynthesizedApp): Set<string> {
  return new Set(
    Object.values(app.stacks)
      .map((s) => stackAccount(s))
      .filter((a): a is string => a !== undefined),
  );
}

/** Who owns a state object: the producing stack's account, the bucket creator's, or the account id in the bucket's name. */
function stateOwner(
  app: SynthesizedApp,
  bucket: string,
  key: string | undefined,
  accounts: Set<string>,
): { account: string; why: string } | undefined {
  for (const [name, other] of Object.entries(app.stacks)) {
    const backend = stackDocument(other).terraform?.backend?.s3;
    const account = stackAccount(other);
    if (backend?.bucket === bucket && (key === undefined || backend.key === key) && account)
      return { account, why: `the state of ${name}, pinned to account ${account}` };
  }
  for (const [name, other] of Object.entries(app.stacks)) {
    const account = stackAccount(other);
    if (account && resourcesOfType(other, "aws_s3_bucket").some(([, b]) => b.bucket === bucket))
      return { account, why: `a bucket ${name} creates in account ${account}` };
  }
  const named = [...accounts].find((id) => bucket.includes(id));
  return named ? { account: named, why: `a bucket named after account ${named}` } : undefined;
}

export const NoCrossAccountStateReads: DeployabilityAppCheck = {
  id: "SUMA-DEP-506",
  title: "No stack reads the state of a stack in another account",
  severity: "error",
  controls: { pci: ["12.10.1"], soc2: ["CC8.1", "A1.2"], cis: [] },
  constraint:
    "terraform_remote_state with the s3 backend reads the other configuration's state object (s3:ListBucket, s3:GetObject, and kms:Decrypt for an SSE-KMS bucket) with the reading configuration's credentials at every plan. Another account's bucket and KMS key refuse those credentials unless both the bucket policy and the key policy grant that account, and the reader's own IAM policy allows it too.",
  source: {
    title: "Terraform Language: Backend type s3, Permissions Required (S3 bucket and KMS permissions)",
    url: "https://developer.hashicorp.com/terraform/language/backend/s3",
  },
  rationale:
    "A cdktf cross-stack reference between stacks pinned to different accounts becomes a terraform_remote_state that reads the producer account's state bucket with the consumer account's credentials: S3 and KMS answer AccessDenied and the consumer's first plan fails. Opening the state bucket and key to another account would instead expose every secret-bearing attribute of that state. Fix: pass the value another way: build it from config (an ARN follows from account id and name), let the consumer look it up through a provider that assumes a narrowly scoped role in the producer's account, and order the stacks with addDependency.",
  checkApp: (app) => {
    const accounts = appAccounts(app);
    const problems: AppProblem[] = [];
    for (const [stackName, stack] of Object.entries(app.stacks)) {
      const account = stackAccount(stack);
      if (!account) continue;
      for (const [name, values] of dataSourcesOfType(stack, "terraform_remote_state")) {
        const config = values.config as Readonly<Record<string, unknown>> | undefined;
        const bucket = asString(config?.bucket);
        if (values.backend !== "s3" || !bucket || isToken(bucket)) continue;
        const owner = stateOwner(app, bucket, asString(config?.key), accounts);
        if (owner && owner.account !== account) {
          problems.push({
            stack: stackName,
            address: `data.terraform_remote_state.${name}`,
            message: `reads state "${asString(config?.key) ?? "?"}" from bucket "${bucket}" (${owner.why}) with account ${account}'s credentials: S3 and the bucket's KMS key refuse them, so this stack's plan fails`,
          });
        }
      }
    }
    return problems;
  },
};
