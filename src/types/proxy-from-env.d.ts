/** proxy-from-env 2 ships no types: the one function this project calls. */
declare module 'proxy-from-env' {
  /**
   * The proxy URL for a request to `url`, from HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and
   * NO_PROXY (either case); '' when the request goes direct.
   */
  export function getProxyForUrl(url: string | URL): string;
}
