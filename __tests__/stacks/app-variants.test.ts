/** The app with an HCP Terraform backend instead of S3: a whole-app synth, so it runs in the slow tier. */
import { only, synthApp, withConfig } from "../support/synth";

describe("HCP Terraform backend", () => {
  const cloud = synthApp(
    withConfig((c) => void (c.backend = { type: "cloud", organization: "suma-finance", project: "auth" })),
  );

  it("builds no state stacks", () => {
    expect(Object.keys(cloud.stacks).filter((n) => n.includes("-state-"))).toEqual([]);
  });

  it("gives each stack a cloud block with its own workspace", () => {
    for (const [name, json] of Object.entries(cloud.stacks)) {
      expect(json.terraform?.cloud).toEqual({
        organization: "suma-finance",
        hostname: "app.terraform.io",
        workspaces: { name, project: "auth" },
      });
      expect(json.terraform?.backend).toBeUndefined();
    }
  });

  it("cross-stack references read the producer workspace through the remote backend", () => {
    const remote = only(cloud.stacks["suma-auth-prod"]!, "terraform_remote_state", "data");
    expect(remote.values).toMatchObject({
      backend: "remote",
      config: {
        organization: "suma-finance",
        hostname: "app.terraform.io",
        workspaces: { name: "suma-auth-shared-prod-us-east-1" },
      },
    });
  });
});
