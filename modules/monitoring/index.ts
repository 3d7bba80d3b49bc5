export * from "./auth-signals";
export * from "./slo";
export * from "./targets";
