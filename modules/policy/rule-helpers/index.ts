/**
 * The readers policy rules share, in one module: every rule imports them from here. Each topic
 * file holds what more than one rule needs; a reader only one rule uses stays in that rule's
 * file. Pure TypeScript with no cdktf import; builds on ../terraform-json.
 */
export * from "./alarms";
export * from "./aurora";
export * from "./cloudtrail";
export * from "./containers";
export * from "./github";
export * from "./identity-policies";
export * from "./load-balancers";
export * from "./network";
export * from "./policy-documents";
export * from "./references";
export * from "./stacks";
export * from "./values";
