import fs from 'node:fs';

const DEFAULT_DISABLE_IPV6 = '/proc/sys/net/ipv6/conf/default/disable_ipv6';

/**
 * Keeps container churn from cutting the browser's requests, for the length of the run.
 *
 * Chromium fails every request still waiting for a connection (beyond its six per host) with
 * ERR_NETWORK_CHANGED when an address comes or goes on the machine. The suite's browser runs on
 * the engine's machine, where every container that starts, restarts or stops adds or removes the
 * IPv6 link-local address of its veth, about 1.3 s after `docker run` returns: a click a spec makes
 * then can lose its request, at random. Measured with a page holding ten requests in flight: four
 * fail at each such address, none once new interfaces get no IPv6.
 *
 * So new interfaces get no IPv6 (`net.ipv6.conf.default.disable_ipv6=1`) while the suite runs; the
 * returned function puts the old value back. Containers are not touched (a new network namespace
 * starts from the kernel's defaults, not the host's), nor are interfaces that already exist. What
 * Porthole does when the network does cut a request (lists sent again, chunks fetched again, a
 * change that says it may have been made) is tested on purpose, with aborts Playwright injects
 * (stylesheets.spec). A user network's bridge still gets an IPv4 address, which still cuts
 * requests; the specs that create networks are few. Without the right to write it (not root), the
 * run goes on as before and says so.
 */
export function quietNetwork(file = DEFAULT_DISABLE_IPV6): () => void {
  let before: string;
  try {
    before = fs.readFileSync(file, 'utf8').trim();
    if (before !== '1') fs.writeFileSync(file, '1');
  } catch (err) {
    console.warn(`[e2e] could not set ${file} (${(err as Error).message}): starting containers may cut the browser's requests`);
    return () => undefined;
  }
  return () => {
    if (before === '1') return;
    try {
      fs.writeFileSync(file, before);
    } catch (err) {
      console.warn(`[e2e] could not put ${file} back to ${before}: ${(err as Error).message}`);
    }
  };
}
