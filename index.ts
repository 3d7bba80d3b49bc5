/**
 * The package root (`@suma-finance/infra-constructs`): the constructs (modules/) and the analysis
 * libraries (analysis/). Importing a subpath (e.g. `@suma-finance/infra-constructs/network`) loads
 * only that module; the root loads them all, including @cdktf/provider-github's resources.
 */
export * from "./modules";
export * from "./analysis";
