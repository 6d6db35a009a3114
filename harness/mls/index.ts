/**
 * The MLS layer (RFC 9420 on ts-mls 1.6.4, patched for conformance): virtual
 * clients and the DS's public group tracker. With codec/mls, the only code
 * that imports ts-mls.
 *
 * @example
 * import { createIdentity, createKeyPackage, createMimiGroup, commit } from 'mimi-transport-harness/mls';
 */
export * from './client.js';
export * from './ds-group/index.js';
export * from './extensions.js';
export * from './identity.js';
export * from './key-packages.js';
export { fromWireExtension, partialGroupInfoOf, toWireExtension } from './partial-group-info.js';
export { CIPHERSUITE, mlsSuite } from './suite.js';
export { fromWire, toWire } from './wire.js';
export { tamperCommit, tamperPublicMessage, withPathLeaf } from './tamper.js';
export { commitReinit, createGroupFromReinit, joinFromReinit } from './reinit.js';
export { generateSignatureKeys, labeledContent, signWithLabel, verifyWithLabel } from './sign-with-label.js';
export { isAllowedScheme, verifyWithLabelAs } from './signature-schemes.js';
export { agreesWithDs, groupInfoIn, groupInfoMessageOf, signatureKeyOf, treeFromNodes, treeNodesOf } from './ds-wire.js';
export { addedKeyPackages, groupMembers, mimiContextOf, proposalsOfCommit, welcomeRecipients } from './commit-contents.js';
export { peekWelcome, welcomeFor } from './welcome.js';
export { basicCredential, commitChangingCredential } from './committer-credential.js';
export { resumptionPskProposal, unchangedExtensionsProposal } from './other-proposals.js';
