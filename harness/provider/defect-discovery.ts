import { decode } from '../codec/index.js';
import { DiscoveryError, type Discovery } from '../discovery/index.js';
import { DS_DOMAIN_PATH, dsDomainResponse } from '../messages/index.js';

/**
 * Planted bug (defects.followDiscoveryRedirects, issue 10 §4): discovery
 * that follows a redirect and trusts the answer at its end, which profile
 * §11 forbids ("redirects are not followed"). Only a planted-bug variant of
 * the reference provider uses it.
 *
 * @example
 * const discovery = followingRedirects(createDiscovery({ clock }));
 */
export function followingRedirects(inner: Discovery): Discovery {
  return {
    async discover(providerDomain) {
      try {
        return await inner.discover(providerDomain);
      } catch (error) {
        if (!(error instanceof DiscoveryError) || error.code !== 'redirect') throw error;
        const first = await fetch(`https://${providerDomain}${DS_DOMAIN_PATH}`, { redirect: 'manual' });
        const location = first.headers.get('location');
        if (location === null) throw error;
        const answer = await fetch(location, { redirect: 'manual' });
        return decode(dsDomainResponse, new Uint8Array(await answer.arrayBuffer())).ds_domain;
      }
    },
    clear: () => {
      inner.clear();
    },
  };
}
