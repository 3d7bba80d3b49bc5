import { loadConfig, pipelineStages, sumaAuthConfig } from "../../config";
import { scaledConfig, scaledEnvName } from "../../bench/scaled-config";

describe("the benchmark's scaled config", () => {
  const scaled = scaledConfig(sumaAuthConfig, 3);
  const generated = [1, 2, 3].map((i) => scaledEnvName(i, 3));

  it("is a valid config with the generated environments in their own networks", () => {
    const config = loadConfig(scaled);
    expect(Object.keys(config.environments)).toEqual(expect.arrayContaining(generated));
    expect(generated.map((name) => config.environments[name]!.network.cidr)).toEqual([
      "10.101.0.0/16",
      "10.102.0.0/16",
      "10.103.0.0/16",
    ]);
  });

  // Without a pipeline stage, a generated service has no job that deploys it, which the
  // deployability pack blocks at synth (SUMA-DEP-606): the bench's scaled run failed.
  it("deploys each generated environment from the pipeline, before the first production stage", () => {
    const stages = pipelineStages(loadConfig(scaled)).map((s) => s.name);
    const base = Object.keys(sumaAuthConfig.github!.environments);
    const firstProduction = base.findIndex((name) => sumaAuthConfig.environments[name]?.production === true);
    expect(stages).toEqual([...base.slice(0, firstProduction), ...generated, ...base.slice(firstProduction)]);
  });

  it("leaves the base config as it was", () => {
    const before = JSON.stringify(sumaAuthConfig);
    scaledConfig(sumaAuthConfig, 2);
    expect(JSON.stringify(sumaAuthConfig)).toBe(before);
  });
});
