export { EncryptionKey, type EncryptionKeyProps, type KeyServiceGrant } from "./encryption-key";
