export * from "./model";
export { ACTIONS, isPinned, TRIVY_VERSION, versionOfPinnedAction, type PinnedAction } from "./actions";
export { ciWorkflow, CI_REQUIRED_CHECKS, DEFAULT_NPM_CHECKS, IMAGE_SCAN_FAIL_ON, type CiRequiredCheck, type CiWorkflowProps, type NpmCheck } from "./ci";
export {
  deployJobId,
  deployWorkflow,
  DEPLOY_VARIABLES,
  branchOrReleaseCondition,
  IMAGE_DIGEST_OUTPUT,
  MAJOR_RELEASE_TAG,
  RELEASE_TAG_CONDITION,
  RELEASE_TAG_PATTERN,
  type DeployEnvironment,
  type DeployStrategy,
  type DeployVariable,
  type DeployWorkflowProps,
} from "./deploy";
export { DOCS_PAGES_WORKFLOW_FILE, docsPagesWorkflow, PAGES_ENVIRONMENT, type DocsPagesWorkflowProps } from "./docs-pages";
export {
  IMAGE_BOOTSTRAP_ENVIRONMENT,
  IMAGE_BOOTSTRAP_WORKFLOW_FILE,
  imageBootstrapJobId,
  imageBootstrapWorkflow,
  type ImageBootstrapTarget,
  type ImageBootstrapWorkflowProps,
} from "./image-bootstrap";
export { IMAGE_CONTRACT_DOC, imageContractCheckLines, imageContractCheckStep, type ImageContractCheckProps } from "./image-contract-check";
export { WorkflowPropsError } from "./validate";
