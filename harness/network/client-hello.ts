/**
 * The server name (SNI) a TLS ClientHello asks for, read from the first
 * record of a connection before any TLS library sees it, so that a front
 * can hand the connection to the TLS server whose protocol versions that
 * name's host accepts (OpenSSL fixes the versions before SNI callbacks run).
 * RFC 8446 §4.1.2 (ClientHello), RFC 6066 §3 (server_name).
 *
 * Returns `{ complete: false }` while the record is not whole yet,
 * `{ complete: true, serverName }` once it is (serverName undefined for a
 * ClientHello without SNI or bytes that are not one).
 *
 * @example
 * clientHelloServerName(firstBytes) // { complete: true, serverName: 'peer-a-1f2e3d4c.test' }
 */
export function clientHelloServerName(bytes: Uint8Array): { readonly complete: false } | { readonly complete: true; readonly serverName: string | undefined } {
  const none = { complete: true, serverName: undefined } as const;
  if (bytes.length < 5) return { complete: false };
  // TLSPlaintext: ContentType handshake(22), legacy_record_version, length.
  if (bytes[0] !== 22) return none;
  const recordLength = ((bytes[3] ?? 0) << 8) | (bytes[4] ?? 0);
  if (bytes.length < 5 + recordLength) return { complete: false };
  const record = bytes.subarray(5, 5 + recordLength);
  let at = 0;
  const u8 = (): number => {
    const value = record[at];
    if (value === undefined) throw new RangeError('truncated');
    at += 1;
    return value;
  };
  const u16 = (): number => (u8() << 8) | u8();
  const skip = (n: number): void => {
    if (at + n > record.length) throw new RangeError('truncated');
    at += n;
  };
  try {
    if (u8() !== 1) return none; // HandshakeType client_hello
    skip(3); // uint24 length
    skip(2 + 32); // legacy_version, random
    skip(u8()); // legacy_session_id
    skip(u16()); // cipher_suites
    skip(u8()); // legacy_compression_methods
    const extensionsEnd = at + u16();
    while (at + 4 <= extensionsEnd) {
      const type = u16();
      const length = u16();
      if (type !== 0) {
        skip(length);
        continue;
      }
      // ServerNameList: a list of (NameType host_name(0), HostName<1..2^16-1>).
      const listEnd = at + u16();
      while (at + 3 <= listEnd) {
        const nameType = u8();
        const nameLength = u16();
        if (at + nameLength > record.length) return none;
        const name = new TextDecoder().decode(record.subarray(at, at + nameLength));
        if (nameType === 0) return { complete: true, serverName: name.toLowerCase() };
        at += nameLength;
      }
      return none;
    }
    return none;
  } catch {
    return none;
  }
}
