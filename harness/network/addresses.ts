/**
 * Virtual source addresses: hosts get 198.18.x.y and other callers
 * (clients, tests) 198.19.x.y, in order of first appearance (RFC 2544's
 * benchmarking range: never routed, never anyone's real address).
 */
export interface AddressBook {
  /** The address of `name`, allocated on first use. */
  addressOf(name: string, kind: 'host' | 'client'): string;
}

/** @example const book = createAddressBook(); book.addressOf('alpha.test', 'host') // '198.18.0.1' */
export function createAddressBook(): AddressBook {
  const known = new Map<string, string>();
  const next = { host: 1, client: 1 };
  return {
    addressOf(name, kind) {
      let address = known.get(name);
      if (address === undefined) {
        const n = next[kind]++;
        if (n > 65_534) throw new RangeError('more than 65,534 virtual addresses of one kind');
        address = `${kind === 'host' ? '198.18' : '198.19'}.${n >> 8}.${n & 255}`;
        known.set(name, address);
      }
      return address;
    },
  };
}
