/**
 * The analysis libraries: pure functions over config and synthesized Terraform JSON that build no
 * construct. The policy pack checks synthesized stacks, the capacity planner sizes an environment
 * from its workload, and the diagram draws the synthesized resources. Each is also a subpath export
 * (`@suma-finance/infra-constructs/policy`, `/capacity`, `/diagram`).
 */
export * from "./capacity";
export * from "./diagram";
export * from "./policy";
