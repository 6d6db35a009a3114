import { sendRequest, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { decode } from '../../harness/codec/index.js';
import { DS_DOMAIN_PATH, dsDomainResponse } from '../../harness/messages/index.js';

const headerValue = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join(',') : (value ?? ''));

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const url = `https://${ctx.target.domain}${DS_DOMAIN_PATH}`;
  const expected = `GET ${url}: 200, application/octet-stream, a DSDomainResponse naming ${ctx.target.dsDomain}`;
  const answer = await sendRequest(ctx, { source: ctx.peers[0]?.domain ?? 'conformance-client', url, method: 'GET' });
  const type = headerValue(answer.headers['content-type']);
  if (answer.status !== 200) return { status: 'fail', expected, actual: `status ${answer.status} (redirects are not followed, profile §11)` };
  if (type.split(';')[0]?.trim().toLowerCase() !== 'application/octet-stream') return { status: 'fail', expected, actual: `Content-Type "${type}"` };
  let named: string;
  try {
    named = decode(dsDomainResponse, answer.body, { rootName: 'DSDomainResponse' }).ds_domain;
  } catch (error) {
    return { status: 'fail', expected, actual: `the body is no DSDomainResponse: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (named !== ctx.target.dsDomain) return { status: 'fail', expected, actual: `it names ${named}` };
  const cache = headerValue(answer.headers['cache-control']);
  return { status: 'pass', expected, actual: `200 ${named}${cache === '' ? '' : ` (Cache-Control: ${cache})`}` };
}

/**
 * Transport draft "Endpoint Discovery" and profile §11: `GET
 * https://<provider-domain>/.well-known/mimi/ds-domain` answers 200,
 * `Content-Type: application/octet-stream` and a TLS-serialized
 * DSDomainResponse whose `ds_domain` is the host of the provider's DS
 * endpoints: here the DS domain the target declares.
 *
 * @example
 * await runChecks({ target, checks: [discoveryDsDomain], seed: 1 });
 */
export const discoveryDsDomain: Check = {
  id: 'transport.discovery.ds-domain',
  section: 'Transport draft "Endpoint Discovery"; PROFILE §11',
  quote: 'Answer: 200, Content-Type: application/octet-stream, and a TLS-serialized',
  level: 'PROFILE',
  role: 'endpoint',
  run,
};
