/** The harness's own reference peers for an in-process target; a check's network has the first `check.peers` (default 2) of them. */
export const PEER_DOMAINS: readonly string[] = ['peer-a.test', 'peer-b.test', 'peer-c.test', 'peer-d.test', 'peer-e.test', 'peer-f.test'];
