export { ApplicationLoadBalancer, type ApplicationLoadBalancerProps } from "./load-balancer";
export {
  AlbAccessLogBucket,
  albAccessLogBucketProblems,
  checkAlbAccessLogBucketProps,
  ELB_LOG_DELIVERY_PRINCIPAL,
  type AlbAccessLogBucketProps,
} from "./access-log-bucket";
export {
  ALB_TLS_POLICIES,
  checkLoadBalancerProps,
  DEFAULT_SSL_POLICY,
  loadBalancerProblems,
  type CheckedLoadBalancerProps,
} from "./validate";
