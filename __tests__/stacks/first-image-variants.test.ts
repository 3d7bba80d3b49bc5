/** The first-image workflow for a config with another account: a whole-app synth, so it runs in the slow tier. */
import { blocks, synthApp, withConfig } from "../support/synth";

describe("the image bootstrap workflow", () => {
  it("derives its targets from config: a new account's environment gets its own job", () => {
    const { stacks: more } = synthApp(
      withConfig((c) => {
        c.accounts.sandbox = { id: "333333333333", primaryRegion: "eu-west-1" };
        c.environments.sandbox = {
          account: "sandbox",
          region: "eu-west-1",
          network: { cidr: "10.50.0.0/16", azCount: 2, natMode: "single" },
          service: { certificateArn: "arn:aws:acm:eu-west-1:333333333333:certificate/abc-123" },
        };
      }),
    );
    const file = blocks(more["suma-auth-github"]!, "github_repository_file").find(
      (b) => b.values.file === ".github/workflows/image-bootstrap.yml",
    )!;
    expect(String(file.values.content)).toContain("bootstrap-sandbox-eu-west-1:");
    expect(String(file.values.content)).toContain(
      "role-to-assume: arn:aws:iam::333333333333:role/suma-auth-sandbox-image-publish",
    );
  });
});
