import { groupInfo, keyPackage, leafNode, mlsMessage, node, ratchetTree, type Codec } from '../codec/index.js';
import { addClientsRequest } from './add-clients-request.js';
import { addUsersRequest } from './add-users-request.js';
import { clientId } from './client-id.js';
import { clientSignatureTbs } from './client-signature-tbs.js';
import { connectionKeyPackageRequest, connectionKeyPackageRequestTbs } from './connection-key-package-request.js';
import { connectionKeyPackageResponse } from './connection-key-package-response.js';
import { connectionKeyPackagesRequest } from './connection-key-packages-request.js';
import { createGroupRequest } from './create-group-request.js';
import { deleteGroupRequest } from './delete-group-request.js';
import { dsAuthData } from './ds-auth-data.js';
import { dsDomainResponse } from './ds-domain-response.js';
import { dsError } from './ds-error.js';
import { dsFanoutRequest, dsFanoutRequestTbs } from './ds-fanout-request.js';
import { dsFanoutResponse } from './ds-fanout-response.js';
import { dsRequest } from './ds-request.js';
import { dsRequestBody } from './ds-request-body.js';
import { dsResponse } from './ds-response.js';
import { dsResponseBody } from './ds-response-body.js';
import { extension } from './extension.js';
import { externalCommitInfoRequest } from './external-commit-info-request.js';
import { externalJoinRequest } from './external-join-request.js';
import { fqdn } from './fqdn.js';
import { groupKeyPackageRequest, groupKeyPackageRequestTbs } from './group-key-package-request.js';
import { groupKeyPackageResponse } from './group-key-package-response.js';
import { mimiGroupId } from './group-id.js';
import { keyPackagesRequest } from './key-packages-request.js';
import { mimiGroupContext, mimiSupportedVersions } from './mimi-extensions.js';
import { mlsGroupUpdate } from './mls-group-update.js';
import { partialGroupInfo } from './partial-group-info.js';
import { queueingServiceRequest } from './queueing-service-request.js';
import { queueingServiceResponse } from './queueing-service-response.js';
import { reInitializeGroupRequest } from './re-initialize-group-request.js';
import { removeClientsRequest } from './remove-clients-request.js';
import { removeUsersRequest } from './remove-users-request.js';
import { selfRemoveClientRequest } from './self-remove-client-request.js';
import { sendMessageRequest } from './send-message-request.js';
import { updateClientRequest } from './update-client-request.js';
import { userId } from './user-id.js';
import { verificationKeyRequest } from './verification-key-request.js';
import { verificationKeyResponse } from './verification-key-response.js';
import { welcomeInfoRequest } from './welcome-info-request.js';

/** One wire struct: its name, codec and where it is defined. */
export interface RegistryEntry {
  readonly name: string;
  readonly codec: Codec<unknown>;
  /** The draft or RFC section, and the docs/PROFILE.md section that pins it. */
  readonly reference: string;
}

function entry(name: string, codec: Codec<unknown>, reference: string): RegistryEntry {
  return { name, codec, reference };
}

const DS = 'draft-robert-mimi-delivery-service';
const PROFILE = 'docs/PROFILE.md';

/**
 * Every wire struct of the profile, in one list. Codec laws, vectors and the
 * CLI all run over it, so a struct added here is tested everywhere.
 *
 * @example
 * const entry = REGISTRY.find((e) => e.name === 'DSRequest');
 */
export const REGISTRY: readonly RegistryEntry[] = [
  entry('FQDN', fqdn, `${PROFILE} §2`),
  entry('UserID', userId, `${PROFILE} §2`),
  entry('ClientID', clientId, `${PROFILE} §2`),
  entry('MimiGroupId', mimiGroupId, `${PROFILE} §2`),
  entry('Extension', extension, 'RFC 9420 §13.3'),
  entry('PartialGroupInfo', partialGroupInfo, `${DS} "DS assisted joining"`),
  entry('MLSGroupUpdate', mlsGroupUpdate, `${DS} "DS assisted joining"`),
  entry('CreateGroupRequest', createGroupRequest, `${DS} "Create group"`),
  entry('DeleteGroupRequest', deleteGroupRequest, `${DS} "Delete group"`),
  entry('AddUsersRequest', addUsersRequest, `${DS} "Add users to a group"`),
  entry('RemoveUsersRequest', removeUsersRequest, `${DS} "Remove users from a group"`),
  entry('AddClientsRequest', addClientsRequest, `${DS} "Add clients to a group"`),
  entry('RemoveClientsRequest', removeClientsRequest, `${DS} "Remove clients from a group"`),
  entry('SelfRemoveClientRequest', selfRemoveClientRequest, `${DS} "Self remove a client from a group"`),
  entry('UpdateClientRequest', updateClientRequest, `${DS} "Update a client in a group"`),
  entry('ExternalJoinRequest', externalJoinRequest, `${DS} "Join the group using an external commit"`),
  entry('SendMessageRequest', sendMessageRequest, `${DS} "Send an application message to a group"`),
  entry('KeyPackagesRequest', keyPackagesRequest, `${DS} "Fetch KeyPackages of one or more clients"`),
  entry('ConnectionKeyPackagesRequest', connectionKeyPackagesRequest, `${DS} "Fetch connection KeyPackages of one or more clients"`),
  entry('ReInitializeGroupRequest', reInitializeGroupRequest, `${DS} "ReInitialize a group"`),
  entry('WelcomeInfoRequest', welcomeInfoRequest, `${PROFILE} §4`),
  entry('ExternalCommitInfoRequest', externalCommitInfoRequest, `${PROFILE} §4`),
  entry('DSRequestBody', dsRequestBody, `${DS} "Client-initiated operations"`),
  entry('DSAuthData', dsAuthData, `${DS} "Client to server requests", ${PROFILE} §8`),
  entry('DSRequest', dsRequest, `${DS} "Client to server requests"`),
  entry('ClientSignatureTBS', clientSignatureTbs, `${DS} "Client to server requests", ${PROFILE} §7`),
  entry('DSError', dsError, `${PROFILE} §3`),
  entry('DSResponseBody', dsResponseBody, `${DS} "Client to server requests"`),
  entry('DSResponse', dsResponse, `${DS} "Client to server requests"`),
  entry('DSFanoutRequestTBS', dsFanoutRequestTbs, `${PROFILE} §6, §7`),
  entry('DSFanoutRequest', dsFanoutRequest, `${DS} "Server to server requests", ${PROFILE} §6`),
  entry('DSFanoutResponse', dsFanoutResponse, `${DS} "Server to server requests", ${PROFILE} §9`),
  entry('QueueingServiceRequest', queueingServiceRequest, `${PROFILE} §5`),
  entry('QueueingServiceResponse', queueingServiceResponse, `${PROFILE} §5`),
  entry('VerificationKeyRequest', verificationKeyRequest, `${PROFILE} §5`),
  entry('VerificationKeyResponse', verificationKeyResponse, `${PROFILE} §5`),
  entry('ConnectionKeyPackageRequestTBS', connectionKeyPackageRequestTbs, `${PROFILE} §5, §7`),
  entry('ConnectionKeyPackageRequest', connectionKeyPackageRequest, `${PROFILE} §5`),
  entry('ConnectionKeyPackageResponse', connectionKeyPackageResponse, `${PROFILE} §5`),
  entry('GroupKeyPackageRequestTBS', groupKeyPackageRequestTbs, `${PROFILE} §5, §7`),
  entry('GroupKeyPackageRequest', groupKeyPackageRequest, `${PROFILE} §5`),
  entry('GroupKeyPackageResponse', groupKeyPackageResponse, `${PROFILE} §5`),
  entry('DSDomainResponse', dsDomainResponse, `${PROFILE} §11`),
  entry('MimiGroupContext', mimiGroupContext, `${PROFILE} §12`),
  entry('MimiSupportedVersions', mimiSupportedVersions, `${PROFILE} §12`),
  entry('MLSMessage', mlsMessage, 'RFC 9420 §6'),
  entry('KeyPackage', keyPackage, 'RFC 9420 §10'),
  entry('LeafNode', leafNode, 'RFC 9420 §7.2'),
  entry('GroupInfo', groupInfo, 'RFC 9420 §12.4.3'),
  entry('Node', node, 'RFC 9420 §12.4.3.3'),
  entry('RatchetTree', ratchetTree, 'RFC 9420 §12.4.3.3'),
];

/**
 * The entry named `name`, or undefined.
 *
 * @example
 * registryEntry('DSRequest')?.codec
 */
export function registryEntry(name: string): RegistryEntry | undefined {
  return REGISTRY.find((item) => item.name === name);
}
