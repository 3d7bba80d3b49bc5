export { ServiceCluster, type ServiceClusterProps } from "./cluster";
