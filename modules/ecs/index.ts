export { checkServiceClusterProps, ServiceCluster, serviceClusterProblems, type ServiceClusterProps } from "./cluster";
export {
  checkServiceQuotaRequestsProps,
  ServiceQuotaRequests,
  serviceQuotaRequestsProblems,
  type ServiceQuotaRequest,
  type ServiceQuotaRequestsProps,
} from "./service-quotas";
