/** Why the DS tracker refused a message (issue 4: every refusal is typed and changes nothing). */
export type DsRefusalReason =
  | 'wrong_epoch'
  | 'unknown_group'
  | 'bad_signature'
  | 'not_a_member'
  | 'invalid_proposal'
  | 'unknown_proposal_reference'
  /** A commit left out a stored proposal (DS draft "Proposals by reference"). */
  | 'missing_proposal'
  | 'invalid_commit'
  | 'invalid_group_info'
  | 'invalid_group_info_signature'
  | 'suspended';

/**
 * A refusal by the DS tracker. The tracker state it was given is unchanged
 * (every tracker operation returns a new state and never mutates its input).
 *
 * @example
 * try { await processCommit(group, message, partial); } catch (e) { if (e instanceof DsRefusal) console.log(e.reason); }
 */
export class DsRefusal extends Error {
  override readonly name = 'DsRefusal';
  constructor(
    readonly reason: DsRefusalReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** Throws a DsRefusal. */
export function refuse(reason: DsRefusalReason, detail: string): never {
  throw new DsRefusal(reason, detail);
}

/** Runs `body`; anything it throws that is not already a DsRefusal becomes one with `reason`. */
export async function refusingAs<T>(reason: DsRefusalReason, body: () => Promise<T> | T): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DsRefusal) throw error;
    return refuse(reason, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
}
