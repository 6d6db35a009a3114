import { DS_GAP_A_CHECKS } from './gaps-a/index.js';
import { DS_GAP_B_CHECKS } from './gaps-b/index.js';
import { DS_GAP_C_CHECKS } from './gaps-c/index.js';
import { DS_GAP_D_CHECKS } from './gaps-d/index.js';
import { DS_GAP_E_CHECKS } from './gaps-e/index.js';
import { DS_GAP_F_CHECKS } from './gaps-f/index.js';
import type { Check } from '../../harness/conformance/index.js';
import { addUsersWelcomePerProvider } from './add-users-welcome-per-provider.js';
import { addUsersConnectionWelcome } from './add-users-connection-welcome.js';
import { addUsersFanOut } from './add-users-fan-out.js';
import { removeUsersRemovedLearn } from './remove-users-removed-learn.js';
import { selfRemoveStored } from './self-remove-stored.js';
import { externalJoinServedInfo } from './external-join-served-info.js';
import { welcomeInfoJoinerOnly } from './welcome-info-joiner-only.js';
import { deleteGroupForgotten } from './delete-group-forgotten.js';
import { groupInfoAgreement } from './group-info-agreement.js';
import { signaturePublicKey } from './signature-public-key.js';
import { keyPackagesOtherProvider } from './key-packages-other-provider.js';
import { updateClientFanOut } from './update-client-fan-out.js';
import { authBadSignature } from './auth-bad-signature.js';
import { authBlankLeaf } from './auth-blank-leaf.js';
import { authSenderIndexMismatch } from './auth-sender-index-mismatch.js';
import { authWrongAuthType } from './auth-wrong-auth-type.js';
import { createGroupExternalSender } from './create-group-external-sender.js';
import { createGroupGroupId } from './create-group-group-id.js';
import { createGroupLeafNode } from './create-group-leaf-node.js';
import { createGroupSenderIndex } from './create-group-sender-index.js';
import { commitWrongEpoch } from './commit-wrong-epoch.js';
import { commitMissingProposal } from './commit-missing-proposal.js';
import { commitUnknownGroup } from './commit-unknown-group.js';
import { commitRequestType } from './commit-request-type.js';
import { sendMessagePrivateMessage } from './send-message-private-message.js';
import { externalJoinUserInGroup } from './external-join-user-in-group.js';
import { reinitGroupId } from './reinit-group-id.js';
import { sendMessageFanOut } from './send-message-fan-out.js';

/** DS operation checks: the target as the owning DS of groups whose members are the harness's clients. */
export const DS_CHECKS: readonly Check[] = [
  createGroupGroupId,
  createGroupLeafNode,
  createGroupExternalSender,
  createGroupSenderIndex,
  authWrongAuthType,
  authBlankLeaf,
  authSenderIndexMismatch,
  authBadSignature,
  commitWrongEpoch,
  commitMissingProposal,
  commitUnknownGroup,
  commitRequestType,
  addUsersWelcomePerProvider,
  addUsersConnectionWelcome,
  addUsersFanOut,
  removeUsersRemovedLearn,
  selfRemoveStored,
  updateClientFanOut,
  sendMessageFanOut,
  sendMessagePrivateMessage,
  externalJoinUserInGroup,
  externalJoinServedInfo,
  welcomeInfoJoinerOnly,
  deleteGroupForgotten,
  groupInfoAgreement,
  reinitGroupId,
  signaturePublicKey,
  keyPackagesOtherProvider,
  ...DS_GAP_A_CHECKS,
  ...DS_GAP_B_CHECKS,
  ...DS_GAP_C_CHECKS,
  ...DS_GAP_D_CHECKS,
  ...DS_GAP_E_CHECKS,
  ...DS_GAP_F_CHECKS,
];
