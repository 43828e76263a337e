import { getProxyForUrl } from 'proxy-from-env';

/**
 * The proxy a request to `url` goes through, as the runner's and curl's variables say:
 * HTTPS_PROXY or HTTP_PROXY by the URL's scheme, none for a host NO_PROXY names; null for a
 * direct request. Self-hosted runners behind a proxy set these, and configure-aws-credentials
 * honours them the same way.
 */
export function proxyFor(url: string): string | null {
  const proxy = getProxyForUrl(url);
  return proxy === '' ? null : proxy;
}
