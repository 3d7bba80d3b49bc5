import type { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import type { AccountRegion, AppConfig } from "../config";
import { stateBucketName, stateKeyAlias } from "../config";
import { StateBucket } from "../modules/state-backend";
import { AwsStack } from "./aws-stack";

/**
 * Bootstraps remote state for one account and region: the bucket and key every other
 * stack there keeps its state in. Its own state is local: apply it once, first.
 */
export class StateStack extends AwsStack {
  readonly stateBucket: StateBucket;

  constructor(scope: Construct, name: string, config: AppConfig, pair: AccountRegion) {
    super(scope, name, { config, account: pair.account, region: pair.region, environment: "state", state: "local" });
    this.stateBucket = new StateBucket(this, "state", {
      bucketName: stateBucketName(config, pair),
      keyAlias: stateKeyAlias(config),
      keyAdministration: this.keyAdministration,
    });
    new TerraformOutput(this, "state_bucket", { value: this.stateBucket.bucket.bucketName });
    new TerraformOutput(this, "state_key_arn", { value: this.stateBucket.key.keyArn });
  }
}
