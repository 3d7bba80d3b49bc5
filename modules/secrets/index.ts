export { ConnectionSecret, type ConnectionSecretProps } from "./connection-secret";
