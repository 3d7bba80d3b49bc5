/**
 * The readers policy rules share, in one module: every rule imports them from here. Each topic
 * file holds what more than one rule needs (the files named after a deployability area hold
 * what that area's rules share); a reader only one rule uses stays in that rule's file. Pure
 * TypeScript with no cdktf import; builds on ../terraform-json.
 */
export * from "./alarms";
export * from "./app-order";
export * from "./aurora";
export * from "./backup-isolation";
export * from "./cloudtrail";
export * from "./containers";
export * from "./database-bootstrap";
export * from "./dns";
export * from "./dr-data";
export * from "./github";
export * from "./github-plans";
export * from "./iam";
export * from "./identity-policies";
export * from "./image-contract";
export * from "./key-administration";
export * from "./keys-and-logs";
export * from "./load-balancers";
export * from "./network";
export * from "./pipeline";
export * from "./policy-documents";
export * from "./references";
export * from "./singletons";
export * from "./stacks";
export * from "./values";
