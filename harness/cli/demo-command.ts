import { decode, encode } from '../codec/index.js';
import { dsFanoutRequestTbs, FANOUT_SIGNATURE_LABELS, queueingServiceRequest, type ClientId } from '../messages/index.js';
import { signWithLabel } from '../mls/index.js';
import { createFederation, LIFECYCLE_PROVIDERS, runLifecycle } from '../scenario/index.js';
import { intOption, onlyOptions, stringOption, type ParsedArgs } from './args.js';
import { exchangeLine } from './exchange-line.js';
import { EXIT, UsageError, type CliIo } from './io.js';

/**
 * A forwarding attack (transport draft §1.1: "the payloads of the Delivery
 * Service include both sender and recipient"). ds.alpha.test signed a
 * delivery for ds.beta.test that names the victim's clients (gamma.test's,
 * as an owning DS would if gamma.test's clients were once served through
 * ds.beta.test); beta.test passes it on to ds.gamma.test. Every other check
 * passes it: the signature is alpha's own, the recipient_ids are clients of
 * gamma.test, the group is alpha's, and the message_id is one gamma.test has
 * never seen from alpha. Only the `recipient` field shows it was not meant
 * for gamma.test, so the guest must refuse it with wrong_recipient (421);
 * the demo counts it as an expected refusal and fails if it is accepted.
 */
async function forwardingAttack(federation: Awaited<ReturnType<typeof createFederation>>, victims: readonly ClientId[]): Promise<number> {
  const captured = federation.network.trace.find((e) => e.destination === 'ds.beta.test' && e.path === '/deliver_message' && e.status === 200);
  if (captured === undefined || victims.length === 0) return -1;
  const { request_type, fanout_request: delivered } = decode(queueingServiceRequest, captured.request);
  const alpha = federation.provider('alpha.test');
  // A message_id unused towards every DS (profile §13 keeps them per recipient), so the replay check cannot refuse it either.
  const messageId = [...alpha.outbox.store.nextMessageId.values()].reduce((a, b) => (a > b ? a : b), 1n);
  alpha.outbox.store.nextMessageId.set(delivered.recipient, messageId + 1n);
  const fields = { protocol_version: delivered.protocol_version, sender: delivered.sender, recipient: delivered.recipient, message_id: messageId, recipient_ids: [...victims], mls_message: delivered.mls_message };
  const signature = await signWithLabel(alpha.signingKey.signKey, FANOUT_SIGNATURE_LABELS[request_type], encode(dsFanoutRequestTbs, fields));
  const body = encode(queueingServiceRequest, { request_type, fanout_request: { ...fields, signature } });
  const response = await federation.network.fetch('https://ds.gamma.test/deliver_message', { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, 'beta.test');
  await response.arrayBuffer();
  return response.status;
}

/**
 * `mimi-harness demo [--seed N] [--transport tls|direct]`: the 3-provider
 * lifecycle in-process (issue 5 §7), one line per exchange, then a summary.
 * Exit 1 if any client ends off the DS's epoch, a message is lost or
 * doubled, or the forwarding attack is not refused.
 *
 * @example
 * process.exitCode = await demoCommand(parseArgs(['--seed', '7'], []), io);
 */
export async function demoCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyOptions(args, ['seed', 'transport']);
  const seed = intOption(args, 'seed', 1);
  const transport = stringOption(args, 'transport', 'tls');
  if (transport !== 'tls' && transport !== 'direct') throw new UsageError('--transport is tls or direct');
  const federation = await createFederation({ seed, providers: LIFECYCLE_PROVIDERS, transport });
  try {
    io.out(`mimi-harness demo: 3 providers (${LIFECYCLE_PROVIDERS.map((p) => p.domain).join(', ')}), ${transport}, seed ${seed}, 5-40 ms latency per link`);
    // Some latency on every link, drawn from the seed, so that virtual time moves as it would between real providers.
    for (const provider of federation.providers) federation.network.setLinkFaults('*', provider.domain, { latency: { minMs: 5, maxMs: 40 } });
    let printed = 0;
    const flush = () => {
      const trace = federation.network.trace;
      // Exchanges that start at the same virtual instant on different links (a fan-out to two guests) are
      // recorded in the order real async work (WebCrypto) finishes; print them in a canonical order instead.
      const batch = [...trace.slice(printed)].sort((a, b) => a.at - b.at || a.source.localeCompare(b.source) || a.destination.localeCompare(b.destination) || a.id - b.id);
      for (const entry of batch) io.out(exchangeLine(entry));
      printed = trace.length;
    };
    const result = await runLifecycle(federation, (step) => {
      flush();
      io.out(`# ${step}`);
    });
    flush();
    io.out("# beta.test forwards a delivery signed for ds.beta.test, naming gamma.test's clients, to ds.gamma.test");
    const attack = await forwardingAttack(federation, result.clients.filter((c) => c.id.user.domain === 'gamma.test').map((c) => c.id));
    flush();
    const trace = federation.network.trace;
    const problems = [...result.problems];
    if (attack !== 421) problems.push(`the forwarded delivery got ${attack}, not 421 wrong_recipient`);
    const delivered = [...result.expected.keys()].reduce((n, c) => n + c.received.length, 0);
    const fannedOut = federation.providers.reduce((n, p) => n + p.outbox.store.delivered, 0);
    const refused = trace.filter((e) => e.status !== null && e.status >= 400).length;
    io.out('');
    io.out(`exchanges: ${trace.length}; fan-out deliveries: ${fannedOut}; application messages delivered: ${delivered}; refused: ${refused} (expected 1: the forwarding attack); epochs: ${result.epochs}`);
    // Over the trace in the order the exchanges happened (not the canonical order printed above), bodies
    // left out (MLS randomness is not seeded): equal hashes for one seed show that the run's schedule replays.
    io.out(`schedule hash: ${federation.network.traceHash({ bodies: false })}`);
    for (const problem of problems) io.out(`FAIL ${problem}`);
    io.out(problems.length === 0 && refused === 1 ? 'demo passed: every client at the DS epoch, every message exactly once, the forwarding attack refused' : 'demo FAILED');
    return problems.length === 0 && refused === 1 ? EXIT.ok : EXIT.refused;
  } finally {
    await federation.dispose();
  }
}
