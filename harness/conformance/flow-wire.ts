import { decode } from '../codec/index.js';
import { dsDomainResponse } from '../messages/index.js';
import type { CheckContext } from './check.js';
import { command, FlowFailure, type FlowCommand } from './flow-command.js';
import { sendRequest } from './wire.js';

const fromTarget = (ctx: CheckContext, source: string) => source === ctx.target.domain || source === ctx.target.dsDomain;

/** Verification-key requests the target has sent to a harness peer's DS so far, by the trace. @example keyFetchesFrom(ctx, 0) */
export function keyFetchesFrom(ctx: CheckContext, peer: number): number {
  const dsDomain = ctx.peers[peer]?.dsDomain;
  return ctx.network.trace.filter((e) => fromTarget(ctx, e.source) && e.destination === dsDomain && e.path === '/verification_key').length;
}

/** A harness peer rotates its verification key (profile §5). @example rotatePeerKey(0) */
export function rotatePeerKey(peer: number): FlowCommand {
  return command(`harness peer ${peer} rotates its verification key`, () => true, async (_model, real) => {
    const found = real.ctx.peers[peer];
    if (found === undefined) throw new Error(`no harness peer ${peer}`);
    await found.provider.rotateVerificationKey();
  });
}

/**
 * Runs `inner` and asserts that the target fetched harness peer `peer`'s
 * verification key again meanwhile (profile §5: after a failed check with
 * the cached key, or once the cached key is older than one hour).
 *
 * @example
 * refetchesKey(0, 'the key rotated', send('g', 'alice', 'after rotation'))
 */
export function refetchesKey(peer: number, why: string, inner: FlowCommand): FlowCommand {
  return {
    check: (m) => inner.check(m),
    toString: () => `${inner.toString()}, and the target fetches peer ${peer}'s key again (${why})`,
    async run(model, real) {
      const before = keyFetchesFrom(real.ctx, peer);
      await inner.run(model, real);
      const after = keyFetchesFrom(real.ctx, peer);
      if (after <= before) throw new FlowFailure(`the target fetches ${real.ctx.peers[peer]?.dsDomain ?? '?'}'s verification key again (${why})`, `no /verification_key request from the target (${before} so far)`);
    },
  };
}

/**
 * Discovery (transport draft "Discovery"; profile §11): the target's
 * `/.well-known/mimi/ds-domain` answers 200 with a DSDomainResponse naming
 * the DS domain the target is declared with, whatever it is.
 *
 * @example
 * expectDiscovery()
 */
export function expectDiscovery(): FlowCommand {
  return command("the target's discovery names its DS domain", () => true, async (_model, real) => {
    const { ctx } = real;
    const answer = await sendRequest(ctx, { source: ctx.peers[0]?.domain ?? 'conformance-client', url: `https://${ctx.target.domain}/.well-known/mimi/ds-domain`, method: 'GET' });
    const expected = `200 with a DSDomainResponse naming ${ctx.target.dsDomain}`;
    if (answer.status !== 200) throw new FlowFailure(expected, `${answer.status}`);
    let named: string;
    try {
      named = decode(dsDomainResponse, answer.body, { rootName: 'DSDomainResponse' }).ds_domain;
    } catch (error) {
      throw new FlowFailure(expected, `200 but ${error instanceof Error ? error.message : String(error)}`);
    }
    if (named !== ctx.target.dsDomain) throw new FlowFailure(expected, `it names ${named}`);
  });
}

/**
 * Every request the harness's peers sent the target went to its DS domain
 * (the one discovery names), except discovery itself, which goes to the
 * provider domain; and there was at least one.
 *
 * @example
 * expectTrafficAtDsDomain()
 */
export function expectTrafficAtDsDomain(): FlowCommand {
  return command("the peers reach the target at the DS domain discovery names", () => true, (_model, real) => {
    const { ctx } = real;
    const peerHosts = new Set(ctx.peers.flatMap((p) => [p.domain, p.dsDomain]));
    const toTarget = ctx.network.trace.filter((e) => peerHosts.has(e.source) && (e.destination === ctx.target.domain || e.destination === ctx.target.dsDomain) && e.path !== '/.well-known/mimi/ds-domain');
    const astray = toTarget.filter((e) => e.destination !== ctx.target.dsDomain);
    if (toTarget.length === 0 || astray.length > 0) throw new FlowFailure(`the peers' requests to the target go to ${ctx.target.dsDomain}`, toTarget.length === 0 ? 'there were none' : `${astray.length} went to ${astray.map((e) => `${e.destination}${e.path}`).join(', ')}`);
  });
}
