export { ApplicationLoadBalancer, type ApplicationLoadBalancerProps } from "./load-balancer";
export { AlbAccessLogBucket, ELB_LOG_DELIVERY_PRINCIPAL, type AlbAccessLogBucketProps } from "./access-log-bucket";
export { ALB_TLS_POLICIES, DEFAULT_SSL_POLICY } from "./validate";
