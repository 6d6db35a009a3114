import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ExternalTargetConfig } from '../conformance/index.js';
import { loopbackOrigin, RemoteOriginError } from '../network/index.js';
import { fqdnProblem } from '../messages/index.js';
import type { RateLimits } from '../provider/index.js';
import { UsageError } from './io.js';

/**
 * The target config file (`--target-config FILE`, docs/schemas/target-config.schema.json):
 * `{ name?, provider: { domain, url }, ds: { domain, url }, ca, budgets?, control?, unsupported?, expectedFailures? }`.
 * `ca` is a path relative to the file. Checked against the schema's rules by hand (no validator dependency).
 */
export interface TargetConfigFile {
  readonly name?: string;
  readonly provider: { readonly domain: string; readonly url: string };
  readonly ds: { readonly domain: string; readonly url: string };
  readonly ca: string;
  readonly budgets?: RateLimits;
  readonly control?: string;
  readonly unsupported?: Record<string, string>;
  readonly expectedFailures?: Record<string, string>;
}

const KEYS = ['$schema', 'name', 'provider', 'ds', 'ca', 'budgets', 'control', 'unsupported', 'expectedFailures'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(file: string, what: string): never {
  throw new UsageError(`--target-config ${file}: ${what}`);
}

function endpoint(file: string, value: unknown, key: 'provider' | 'ds'): { domain: string; url: string } {
  if (!isObject(value)) fail(file, `"${key}" must be an object { "domain": ..., "url": ... }`);
  for (const name of Object.keys(value)) if (name !== 'domain' && name !== 'url') fail(file, `"${key}" has an unknown field "${name}"`);
  const { domain, url } = value;
  if (typeof domain !== 'string' || fqdnProblem(domain) !== undefined) fail(file, `"${key}.domain" must be a lower-case FQDN, not ${JSON.stringify(domain)}`);
  if (typeof url !== 'string') fail(file, `"${key}.url" must be a string (https://127.0.0.1:PORT)`);
  try {
    loopbackOrigin(url);
  } catch (error) {
    if (error instanceof RemoteOriginError) fail(file, `"${key}.url" ${error.message}`);
    throw error;
  }
  return { domain, url };
}

function reasons(file: string, value: unknown, key: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) fail(file, `"${key}" must be an object { checkId: reason }`);
  for (const [id, reason] of Object.entries(value)) if (typeof reason !== 'string' || reason.trim() === '') fail(file, `"${key}.${id}" must be a non-empty reason`);
  return value as Record<string, string>;
}

function budgets(file: string, value: unknown): RateLimits | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) fail(file, '"budgets" must be an object { path: { kind: { burst, perSecond } } }');
  for (const [path, kinds] of Object.entries(value)) {
    if (!path.startsWith('/') || !isObject(kinds)) fail(file, `"budgets.${path}" must be a path starting with / mapped to an object of budgets`);
    for (const [kind, budget] of Object.entries(kinds)) {
      if (!isObject(budget) || typeof budget.burst !== 'number' || typeof budget.perSecond !== 'number' || !(budget.burst > 0) || !(budget.perSecond > 0)) fail(file, `"budgets.${path}.${kind}" must be { "burst": >0, "perSecond": >0 }`);
    }
  }
  return value as RateLimits;
}

/**
 * Reads and checks a target config; every problem is a one-line usage error (exit 2).
 *
 * @example
 * const config = readTargetConfig('mimi-serve/target.json');
 */
export function readTargetConfig(file: string): ExternalTargetConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(file, error instanceof SyntaxError ? `not JSON: ${error.message}` : `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!isObject(json)) fail(file, 'must be a JSON object');
  for (const key of Object.keys(json)) if (!KEYS.includes(key)) fail(file, `unknown field "${key}" (known: ${KEYS.slice(1).join(', ')})`);
  if (json.name !== undefined && typeof json.name !== 'string') fail(file, '"name" must be a string');
  const provider = endpoint(file, json.provider, 'provider');
  const ds = endpoint(file, json.ds, 'ds');
  if (typeof json.ca !== 'string' || json.ca === '') fail(file, '"ca" must be the path of the target\'s CA (PEM), relative to the config file');
  if (json.control !== undefined && (typeof json.control !== 'string' || !/^https?:\/\//.test(json.control))) fail(file, '"control" must be the control API\'s http(s) URL');
  const caPath = resolve(dirname(file), json.ca);
  let caPem: string;
  try {
    caPem = readFileSync(caPath, 'utf8');
  } catch (error) {
    fail(file, `cannot read the CA ${caPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (!caPem.includes('-----BEGIN CERTIFICATE-----')) fail(file, `the CA ${caPath} holds no PEM certificate`);
  const budgetsValue = budgets(file, json.budgets);
  const unsupported = reasons(file, json.unsupported, 'unsupported');
  const expectedFailures = reasons(file, json.expectedFailures, 'expectedFailures');
  return {
    ...(typeof json.name === 'string' ? { name: json.name } : {}),
    domain: provider.domain,
    dsDomain: ds.domain,
    providerOrigin: provider.url,
    dsOrigin: ds.url,
    caPem,
    ...(budgetsValue === undefined ? {} : { budgets: budgetsValue }),
    ...(typeof json.control === 'string' ? { controlUrl: json.control } : {}),
    ...(unsupported === undefined ? {} : { unsupported }),
    ...(expectedFailures === undefined ? {} : { expectedFailures }),
  };
}
