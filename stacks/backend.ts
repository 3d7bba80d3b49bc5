import { LocalBackend, type TerraformStack } from "cdktf";
import type { AppConfig, AwsRegion } from "../config";
import { stateBucketName, stateKeyAlias } from "../config";
import { HcpTerraformBackend, useS3Backend } from "../modules/state-backend";

/**
 * Gives a stack the backend the config chose: S3 in the state bucket of an account and
 * region, or its own HCP Terraform workspace; `local` is for the state bootstrap stacks.
 */
export function configureBackend(
  stack: TerraformStack,
  config: AppConfig,
  where: { accountId: string; region: AwsRegion },
  state: "remote" | "local" = "remote",
): void {
  const name = stack.node.id;
  if (state === "local") {
    // Relative to cdktf.out/stacks/<stack>/, so the file lands in <project>/.terraform-state/
    // and survives re-synth (cdktf's default is an absolute path of the synth machine).
    new LocalBackend(stack, { path: `../../../.terraform-state/${name}.tfstate` });
  } else if (config.backend.type === "s3") {
    useS3Backend(stack, {
      bucket: stateBucketName(config, where),
      key: `${config.backend.keyPrefix}${name}/terraform.tfstate`,
      region: where.region,
      kmsKeyId: `arn:aws:kms:${where.region}:${where.accountId}:alias/${stateKeyAlias(config)}`,
    });
  } else {
    new HcpTerraformBackend(stack, {
      organization: config.backend.organization,
      hostname: config.backend.hostname,
      project: config.backend.project,
      workspace: name,
    });
  }
}
