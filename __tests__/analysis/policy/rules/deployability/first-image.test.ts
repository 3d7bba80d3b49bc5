/**
 * SUMA-DEP-605: a task definition's ECR image must be published (by the image bootstrap
 * workflow) or replicated into the stack's account and region before its first apply.
 */
import { imageBootstrapWorkflow, renderWorkflow } from "../../../../../modules/github/workflows";
import type { SynthesizedApp } from "../../../../../analysis/policy";
import { FirstImagePublished } from "../../../../../analysis/policy/rules/deployability/first-image";
import type { TerraformJson } from "../../../../../analysis/policy/terraform-json";

const placed = (
  accountId: string,
  region: string,
  resource: Record<string, Record<string, Record<string, unknown>>>,
): TerraformJson => ({ provider: { aws: [{ region, allowed_account_ids: [accountId] }] }, resource }) as TerraformJson;

const taskDefinition = (tag: string) => ({
  aws_ecs_task_definition: {
    task: {
      container_definitions: JSON.stringify([
        { name: "app", image: `\${data.terraform_remote_state.shared.outputs.repo}:${tag}` },
      ]),
    },
  },
});

/** The GitHub stack's workflow file, escaped as Terraform strings are. */
const bootstrapFile = (accountId: string, region: string, tags: string[]) => ({
  github_repository_file: {
    bootstrap: {
      file: ".github/workflows/image-bootstrap.yml",
      content: renderWorkflow(
        imageBootstrapWorkflow({
          targets: [
            {
              name: "acct",
              roleArn: `arn:aws:iam::${accountId}:role/app-image-publish`,
              region,
              repository: "app",
              tags,
            },
          ],
        }),
      ).replace(/\$\{/g, "$${"),
    },
  },
});

const app = (stacks: Record<string, TerraformJson>): SynthesizedApp => ({ stacks, dependencies: {} });

describe("SUMA-DEP-605 first image published", () => {
  it("flags a task definition whose tag nothing publishes", () => {
    expect(
      FirstImagePublished.checkApp(app({ prod: placed("222222222222", "us-east-1", taskDefinition("bootstrap")) })),
    ).toEqual([
      {
        stack: "prod",
        address: "aws_ecs_task_definition.task",
        message: expect.stringMatching(
          /image tag "bootstrap", which nothing publishes to account 222222222222 in us-east-1/,
        ),
      },
    ]);
  });

  it("passes when the bootstrap workflow publishes that tag to that account and region", () => {
    const stacks = {
      prod: placed("222222222222", "us-east-1", taskDefinition("bootstrap")),
      github: { resource: bootstrapFile("222222222222", "us-east-1", ["bootstrap"]) },
    };
    expect(FirstImagePublished.checkApp(app(stacks))).toEqual([]);
  });

  it("flags another tag, another account or another region than the workflow publishes", () => {
    const github = { resource: bootstrapFile("222222222222", "us-east-1", ["bootstrap"]) };
    for (const stack of [
      placed("222222222222", "us-east-1", taskDefinition("other")),
      placed("111111111111", "us-east-1", taskDefinition("bootstrap")),
      placed("222222222222", "us-west-2", taskDefinition("bootstrap")),
    ]) {
      expect(FirstImagePublished.checkApp(app({ env: stack, github }))).toHaveLength(1);
    }
  });

  it("passes a DR region that ECR replication fills from a published region", () => {
    const stacks = {
      dr: placed("222222222222", "us-west-2", taskDefinition("bootstrap")),
      shared: placed("222222222222", "us-east-1", {
        aws_ecr_replication_configuration: {
          r: {
            replication_configuration: [
              { rule: [{ destination: [{ region: "us-west-2", registry_id: "222222222222" }] }] },
            ],
          },
        },
      }),
      github: { resource: bootstrapFile("222222222222", "us-east-1", ["bootstrap"]) },
    };
    expect(FirstImagePublished.checkApp(app(stacks))).toEqual([]);
  });

  it("leaves images pinned by digest and images outside ECR alone", () => {
    const pinned = {
      aws_ecs_task_definition: {
        t: {
          container_definitions: JSON.stringify([
            { name: "a", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:abc" },
            { name: "b", image: "public.example/x:1" },
          ]),
        },
      },
    };
    expect(FirstImagePublished.checkApp(app({ s: placed("123456789012", "us-east-1", pinned) }))).toEqual([]);
  });

  it("passes an image under a pull-through cache prefix of the same account and region (ECR fetches it on first pull), and only there", () => {
    const cached = {
      aws_ecs_task_definition: {
        t: {
          container_definitions: JSON.stringify([
            {
              name: "psql",
              image: "222222222222.dkr.ecr.us-east-1.amazonaws.com/ecr-public/docker/library/postgres:17-alpine",
            },
          ]),
        },
      },
    };
    const cache = (region: string) =>
      placed("222222222222", region, {
        aws_ecr_pull_through_cache_rule: {
          r: { ecr_repository_prefix: "ecr-public", upstream_registry_url: "public.ecr.aws" },
        },
      });
    expect(
      FirstImagePublished.checkApp(
        app({ env: placed("222222222222", "us-east-1", cached), shared: cache("us-east-1") }),
      ),
    ).toEqual([]);
    expect(
      FirstImagePublished.checkApp(
        app({ env: placed("222222222222", "us-east-1", cached), shared: cache("us-west-2") }),
      ),
    ).toEqual([
      {
        stack: "env",
        address: "aws_ecs_task_definition.t",
        message: expect.stringMatching(/image tag "17-alpine", which nothing publishes/),
      },
    ]);
  });
});
