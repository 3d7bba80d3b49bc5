export { EncryptionKey, KEY_ADMIN_ACTIONS, type EncryptionKeyProps, type KeyServiceGrant, type KeyUsage } from "./encryption-key";
export { KEY_LIFECYCLE_ACTIONS, keyAdministrationProblems, keyAdministrationStatements, roleArnAccount, type KeyAdministration } from "./administration";
