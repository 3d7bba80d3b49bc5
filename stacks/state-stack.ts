import type { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import type { AccountRegion, AppConfig } from "../config";
import { stateBucketName, stateKeyAlias } from "../config";
import { StateBucket } from "../modules/state-backend";
import { AwsStack } from "./aws-stack";

export interface StateStackProps {
  readonly config: AppConfig;
  /** The account and region whose state bucket the stack makes. */
  readonly pair: AccountRegion;
}

/**
 * Bootstraps remote state for one account and region: the bucket and key every other
 * stack there keeps its state in. Its own state is local: apply it once, first.
 */
export class StateStack extends AwsStack {
  readonly stateBucket: StateBucket;

  constructor(scope: Construct, id: string, props: StateStackProps) {
    const { config, pair } = props;
    super(scope, id, { config, account: pair.account, region: pair.region, environment: "state", state: "local" });
    this.stateBucket = new StateBucket(this, "state", {
      bucketName: stateBucketName(config, pair),
      keyAlias: stateKeyAlias(config),
      keyAdministration: this.keyAdministration,
    });
    new TerraformOutput(this, "state_bucket", { value: this.stateBucket.bucket.bucketName });
    new TerraformOutput(this, "state_key_arn", { value: this.stateBucket.key.keyArn });
  }
}
