/** SUMA-DEP-606: a service whose task definition the pipeline owns must have a deploy job. */
import type { SynthesizedApp } from "../../../../../analysis/policy";
import { PipelineReachesEveryService } from "../../../../../analysis/policy/rules/deployability/release-reach";
import type { TerraformJson } from "../../../../../analysis/policy/terraform-json";

const service = (ignore: string[]) =>
  ({
    provider: { aws: [{ region: "us-west-2", allowed_account_ids: ["222222222222"] }] },
    resource: { aws_ecs_service: { svc: { name: "app-dr", lifecycle: { ignore_changes: ignore } } } },
  }) as TerraformJson;

const variable = (name: string, value: string) => ({
  environment: "${github_repository_environment.dr.environment}",
  variable_name: name,
  value,
});

const github = (jobEnvironment: string, region = "us-west-2", account = "222222222222") =>
  ({
    resource: {
      github_repository_environment: { dr: { environment: "dr" } },
      github_actions_environment_variable: {
        a: variable("ECS_SERVICE", "app-dr"),
        b: variable("AWS_REGION", region),
        c: variable("AWS_ROLE_ARN", `arn:aws:iam::${account}:role/app-dr-github-deploy`),
      },
      github_repository_file: {
        deploy: {
          file: ".github/workflows/deploy.yml",
          content: `name: Deploy\non: push\njobs:\n  deploy-x:\n    runs-on: ubuntu-24.04\n    environment:\n      name: ${jobEnvironment}\n    steps: []\n`,
        },
      },
    },
  }) as TerraformJson;

const app = (stacks: Record<string, TerraformJson>): SynthesizedApp => ({ stacks, dependencies: {} });

describe("SUMA-DEP-606 pipeline reaches every service", () => {
  it("flags a pipeline-owned service no job deploys", () => {
    expect(
      PipelineReachesEveryService.checkApp(
        app({ dr: service(["desired_count", "task_definition"]), github: github("prod") }),
      ),
    ).toEqual([
      {
        stack: "dr",
        address: "aws_ecs_service.svc",
        message: expect.stringMatching(/service "app-dr" .* no workflow job deploys it/),
      },
    ]);
  });

  it("passes when a job runs in an environment naming the service, its region and account", () => {
    expect(
      PipelineReachesEveryService.checkApp(app({ dr: service(["task_definition"]), github: github("dr") })),
    ).toEqual([]);
  });

  it("flags an environment no job uses, or one naming another region or account", () => {
    for (const gh of [github("prod"), github("dr", "us-east-1"), github("dr", "us-west-2", "111111111111")]) {
      expect(PipelineReachesEveryService.checkApp(app({ dr: service(["task_definition"]), github: gh }))).toHaveLength(
        1,
      );
    }
  });

  it("stays silent for an app that commits no workflow: its pipeline lives elsewhere (a consumer of the package)", () => {
    expect(PipelineReachesEveryService.checkApp(app({ dr: service(["desired_count", "task_definition"]) }))).toEqual(
      [],
    );
  });

  it("leaves services whose task definition Terraform owns alone", () => {
    expect(PipelineReachesEveryService.checkApp(app({ dr: service(["desired_count"]) }))).toEqual([]);
  });
});
