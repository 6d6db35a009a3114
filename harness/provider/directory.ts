import type { keyPackage, ValueOf } from '../codec/index.js';
import { clientIdText, userIdText, type ClientId, type UserId } from '../messages/index.js';

/** A KeyPackage as the codec keeps it: the bytes and ts-mls's view of them. */
export type StoredKeyPackage = ValueOf<typeof keyPackage>;

interface ClientRecord {
  readonly clientId: ClientId;
  regular: StoredKeyPackage[];
  connection: StoredKeyPackage[];
  lastResort: StoredKeyPackage | null;
}

const userKey = userIdText;
const clientKey = clientIdText;

/**
 * The provider's users, clients and their KeyPackages. Provisioning is
 * outside the drafts' scope (DS draft "KeyPackages": uploading is not
 * relevant for interoperability), so this is a plain API.
 */
export interface Directory {
  addClient(clientId: ClientId): void;
  addKeyPackages(clientId: ClientId, kind: 'regular' | 'connection', keyPackages: readonly StoredKeyPackage[]): void;
  setLastResort(clientId: ClientId, keyPackage: StoredKeyPackage): void;
  hasClient(clientId: ClientId): boolean;
  clientsOf(user: UserId): ClientId[];
  /**
   * One KeyPackage per client, consuming regular ones and falling back to the
   * client's last-resort one (not consumed). All or nothing: if any client
   * has none, nothing is consumed and the reason is returned.
   */
  takeKeyPackages(clients: readonly ClientId[], kind: 'regular' | 'connection'): { ok: true; keyPackages: StoredKeyPackage[] } | { ok: false; code: 'unknown_client' | 'no_key_packages'; client: ClientId };
  remaining(clientId: ClientId, kind: 'regular' | 'connection'): number;
}

/** @example const directory = createDirectory(); directory.addClient(alice); */
export function createDirectory(): Directory {
  const clients = new Map<string, ClientRecord>();
  const record = (clientId: ClientId): ClientRecord => {
    const found = clients.get(clientKey(clientId));
    if (found === undefined) throw new Error(`no client ${clientKey(clientId)}`);
    return found;
  };
  return {
    addClient(clientId) {
      if (!clients.has(clientKey(clientId))) clients.set(clientKey(clientId), { clientId, regular: [], connection: [], lastResort: null });
    },
    addKeyPackages(clientId, kind, keyPackages) {
      record(clientId)[kind].push(...keyPackages);
    },
    setLastResort(clientId, keyPackage) {
      record(clientId).lastResort = keyPackage;
    },
    hasClient: (clientId) => clients.has(clientKey(clientId)),
    clientsOf: (user) => [...clients.values()].filter((c) => userKey(c.clientId.user) === userKey(user)).map((c) => c.clientId),
    takeKeyPackages(wanted, kind) {
      const plan: { rec: ClientRecord; consume: boolean }[] = [];
      for (const clientId of wanted) {
        const rec = clients.get(clientKey(clientId));
        if (rec === undefined) return { ok: false, code: 'unknown_client', client: clientId };
        const available = rec[kind].length - plan.filter((p) => p.rec === rec && p.consume).length;
        if (available > 0) plan.push({ rec, consume: true });
        else if (kind === 'regular' && rec.lastResort !== null) plan.push({ rec, consume: false });
        else return { ok: false, code: 'no_key_packages', client: clientId };
      }
      const keyPackages = plan.map(({ rec, consume }) => {
        if (!consume) return rec.lastResort as StoredKeyPackage;
        return rec[kind].shift() as StoredKeyPackage;
      });
      return { ok: true, keyPackages };
    },
    remaining: (clientId, kind) => record(clientId)[kind].length,
  };
}
