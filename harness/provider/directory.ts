import type { keyPackage, ValueOf } from '../codec/index.js';
import { clientIdText, userIdText, type ClientId, type UserId } from '../messages/index.js';

/** A KeyPackage as the codec keeps it: the bytes and ts-mls's view of them. */
export type StoredKeyPackage = ValueOf<typeof keyPackage>;

interface ClientRecord {
  readonly clientId: ClientId;
  regular: StoredKeyPackage[];
  connection: StoredKeyPackage[];
  /** The last-resort KeyPackage of each kind (profile §12), handed out without being used up. */
  lastResort: { regular: StoredKeyPackage | null; connection: StoredKeyPackage | null };
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
  /** Sets the client's last-resort KeyPackage of `kind` (default regular; a connection one is marked both mimi_connection_key_package and mimi_last_resort). */
  setLastResort(clientId: ClientId, keyPackage: StoredKeyPackage, kind?: 'regular' | 'connection'): void;
  hasClient(clientId: ClientId): boolean;
  /** Forgets a client and its KeyPackages (a device reset; the control API re-creating a client, docs/ADAPTER.md). */
  removeClient(clientId: ClientId): void;
  clientsOf(user: UserId): ClientId[];
  /**
   * One KeyPackage per client, consuming one of `kind` and falling back to the
   * client's last-resort one of that kind (not consumed). Clients for which
   * `lastResortOnly` says true get only their last-resort one (a budget is
   * spent, profile §14). All or nothing: if any client has none, nothing is
   * consumed and the reason is returned.
   */
  takeKeyPackages(
    clients: readonly ClientId[],
    kind: 'regular' | 'connection',
    lastResortOnly?: (clientId: ClientId) => boolean,
  ): { ok: true; keyPackages: StoredKeyPackage[]; consumed: ClientId[] } | { ok: false; code: 'unknown_client' | 'no_key_packages'; client: ClientId };
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
      if (!clients.has(clientKey(clientId))) clients.set(clientKey(clientId), { clientId, regular: [], connection: [], lastResort: { regular: null, connection: null } });
    },
    addKeyPackages(clientId, kind, keyPackages) {
      record(clientId)[kind].push(...keyPackages);
    },
    setLastResort(clientId, keyPackage, kind = 'regular') {
      record(clientId).lastResort[kind] = keyPackage;
    },
    hasClient: (clientId) => clients.has(clientKey(clientId)),
    removeClient(clientId) {
      clients.delete(clientKey(clientId));
    },
    clientsOf: (user) => [...clients.values()].filter((c) => userKey(c.clientId.user) === userKey(user)).map((c) => c.clientId),
    takeKeyPackages(wanted, kind, lastResortOnly = () => false) {
      const plan: { rec: ClientRecord; consume: boolean }[] = [];
      for (const clientId of wanted) {
        const rec = clients.get(clientKey(clientId));
        if (rec === undefined) return { ok: false, code: 'unknown_client', client: clientId };
        const available = rec[kind].length - plan.filter((p) => p.rec === rec && p.consume).length;
        if (available > 0 && !lastResortOnly(clientId)) plan.push({ rec, consume: true });
        else if (rec.lastResort[kind] !== null) plan.push({ rec, consume: false });
        else return { ok: false, code: 'no_key_packages', client: clientId };
      }
      const keyPackages = plan.map(({ rec, consume }) => {
        if (!consume) return rec.lastResort[kind] as StoredKeyPackage;
        return rec[kind].shift() as StoredKeyPackage;
      });
      return { ok: true, keyPackages, consumed: plan.filter((p) => p.consume).map((p) => p.rec.clientId) };
    },
    remaining: (clientId, kind) => record(clientId)[kind].length,
  };
}
