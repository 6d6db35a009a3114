/**
 * Every wire struct of the MIMI profile: one file per struct with its type,
 * codec and (through the codec) fast-check arbitrary; one registry of all.
 *
 * @example
 * import { dsRequest, REGISTRY } from 'mimi-transport-harness/messages';
 */
export * from './add-clients-request.js';
export * from './add-users-request.js';
export * from './client-id.js';
export * from './client-signature-tbs.js';
export * from './connection-key-package-request.js';
export * from './connection-key-package-response.js';
export * from './connection-key-packages-request.js';
export * from './create-group-request.js';
export * from './delete-group-request.js';
export * from './ds-auth-data.js';
export * from './ds-domain-response.js';
export * from './ds-error-code.js';
export * from './ds-error.js';
export * from './ds-fanout-request.js';
export * from './ds-fanout-response.js';
export * from './ds-request-body.js';
export * from './ds-request.js';
export * from './ds-response-body.js';
export * from './ds-response.js';
export * from './extension.js';
export * from './external-commit-info-request.js';
export * from './external-join-request.js';
export * from './fqdn.js';
export * from './group-id.js';
export * from './group-key-package-request.js';
export * from './group-key-package-response.js';
export * from './key-package-response.js';
export * from './key-packages-request.js';
export * from './mimi-extensions.js';
export * from './mls-group-update.js';
export * from './partial-group-info.js';
export * from './protocol-version.js';
export * from './queueing-service-request.js';
export * from './queueing-service-response.js';
export * from './re-initialize-group-request.js';
export * from './remove-clients-request.js';
export * from './remove-users-request.js';
export * from './self-remove-client-request.js';
export * from './send-message-request.js';
export * from './signature-scheme.js';
export * from './signed-provider-request.js';
export * from './update-client-request.js';
export * from './user-id.js';
export * from './verification-key-request.js';
export * from './verification-key-response.js';
export * from './welcome-info-request.js';
export * from './endpoints.js';
export * from './registry.js';
export * from './vectors.js';
