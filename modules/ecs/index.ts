export { ServiceCluster, type ServiceClusterProps } from "./cluster";
export {
  checkServiceQuotaRequestsProps,
  ServiceQuotaRequests,
  serviceQuotaRequestsProblems,
  type ServiceQuotaRequest,
  type ServiceQuotaRequestsProps,
} from "./service-quotas";
