/**
 * Deployability rules: the deploy pipeline. They read the workflow files a stack commits
 * (github_repository_file under .github/workflows/) next to the stack's GitHub environments and
 * their deployment branch and tag policies, and find jobs GitHub will refuse or never run.
 *
 * A job's refs are read from the workflow's push triggers and from the job's `if:` when it is
 * made of `github.ref == 'refs/heads/<branch>'` and `startsWith(github.ref, 'refs/tags/<prefix>')`
 * terms joined by `||`; a job whose `if:` says anything else is not judged.
 */
import type { DeployabilityAppCheck, DeployabilityRule } from "../../../rule";
import { ReleaseTagJobEnvironmentAdmitsTags } from "./ReleaseTagJobEnvironmentAdmitsTags";
import { BranchJobEnvironmentAdmitsBranch } from "./BranchJobEnvironmentAdmitsBranch";
import { NeededJobRunsForTheSameRefs } from "./NeededJobRunsForTheSameRefs";
import { NeedsOutputsComeFromDirectNeeds } from "./NeedsOutputsComeFromDirectNeeds";
import { DeployEnvironmentRoleExists } from "./DeployEnvironmentRoleExists";

export {
  ReleaseTagJobEnvironmentAdmitsTags,
  BranchJobEnvironmentAdmitsBranch,
  NeededJobRunsForTheSameRefs,
  NeedsOutputsComeFromDirectNeeds,
  DeployEnvironmentRoleExists,
};

export const PIPELINE_DEPLOYABILITY_RULES: readonly DeployabilityRule[] = [
  ReleaseTagJobEnvironmentAdmitsTags,
  BranchJobEnvironmentAdmitsBranch,
  NeededJobRunsForTheSameRefs,
  NeedsOutputsComeFromDirectNeeds,
];
export const PIPELINE_DEPLOYABILITY_CHECKS: readonly DeployabilityAppCheck[] = [DeployEnvironmentRoleExists];
