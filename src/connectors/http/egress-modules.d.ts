/** The two functions axios decides a request's proxy with (its http adapter's setProxy), typed here. */
declare module 'proxy-from-env' {
  /** The proxy URL the environment names for `url` (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY); '' for none. */
  export function getProxyForUrl(url: string | URL): string;
}

declare module 'axios/unsafe/helpers/shouldBypassProxy.js' {
  /** Whether NO_PROXY names `location` (hosts, domain suffixes, addresses and ranges, ports). */
  export default function shouldBypassProxy(location: string): boolean;
}
