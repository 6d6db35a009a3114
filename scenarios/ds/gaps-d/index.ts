import type { Check } from '../../../harness/conformance/index.js';
import { addClientsOnlyAdds } from './add-clients-only-adds.js';
import { addClientsCredentialUnchanged, addUsersCredentialUnchanged, removeClientsCredentialUnchanged, removeUsersCredentialUnchanged } from './credential-unchanged.js';
import { updateValidateCredential } from './update-validate-credential.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set d. */
export const DS_GAP_D_CHECKS: readonly Check[] = [addUsersCredentialUnchanged, removeUsersCredentialUnchanged, addClientsCredentialUnchanged, removeClientsCredentialUnchanged, updateValidateCredential, addClientsOnlyAdds];
