import { expect, test } from '../support/test.ts';
import { cleanupRun, docker } from '../support/docker-cli.ts';
import { E2E } from '../support/env.ts';
import { screenshot, setTheme, signIn } from '../support/session.ts';

const runValue = E2E.runLabel.split('=')[1] as string;
const prefix = `topo-${runValue}-${Date.now().toString(36)}`.replace(/[^a-zA-Z0-9_.-]/g, '-');
const labels = ['--label', 'porthole.test=1', '--label', E2E.runLabel];

/** `count` /24s (as "172.B.X") no network of the engine overlaps. */
async function freeSubnets(count: number): Promise<string[]> {
  const ids = (await docker(['network', 'ls', '-q'])).split('\n').filter(Boolean);
  const subnets = (await docker(['network', 'inspect', ...ids, '--format', '{{range .IPAM.Config}}{{.Subnet}} {{end}}']))
    .split(/\s+/)
    .filter(Boolean);
  const toInt = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const taken = (ours: number) =>
    subnets.some((s) => {
      const [ip, bits] = s.split('/') as [string, string];
      if (ip.split('.').length !== 4) return false;
      const size = 2 ** (32 - Number(bits));
      const start = Math.floor(toInt(ip) / size) * size;
      return ours < start + size && start < ours + 256;
    });
  for (const b of [30, 29, 28, 27]) {
    const from = 10 + Math.floor(Math.random() * 150);
    const free: string[] = [];
    for (let x = from; free.length < count && x < 255; x++) if (!taken(toInt(`172.${b}.${x}.0`))) free.push(`172.${b}.${x}`);
    if (free.length === count) return free;
  }
  return [];
}

test('topology stays readable with 50 containers on 8 networks: every node drawn, none overlapping, filter narrows it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const subnets = await freeSubnets(8);
  expect(subnets).toHaveLength(8);
  const nets = subnets.map((_, i) => `${prefix}-net${i}`);
  try {
    for (const [i, n] of nets.entries())
      await docker(['network', 'create', ...labels, '--subnet', `${subnets[i]}.0/24`, ...(i === 7 ? ['--internal'] : []), n]);
    // 50 created (not started) containers: 42 on one network, 8 bridging two.
    const names: string[] = [];
    for (let i = 0; i < 50; i++) {
      const name = `${prefix}-c${String(i).padStart(2, '0')}`;
      names.push(name);
      await docker(['create', '--name', name, ...labels, '--network', nets[i % 8] as string, E2E.fixtureImage, 'sleep', '3600']);
      if (i >= 42) await docker(['network', 'connect', nets[(i + 3) % 8] as string, name]);
    }
    await signIn(page);
    // This engine is no Swarm manager: the map asks nothing of Swarm (a plain engine answers 503) and gets no error.
    const asked: string[] = [];
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (/\/docker\/(v[\d.]+\/)?(nodes|services|tasks)\b/.test(path) || res.status() >= 500) asked.push(`${res.status()} ${path}`);
    });
    await page.goto(`/networks/topology?q=${encodeURIComponent(prefix)}`);
    const map = page.getByTestId('topology');
    await expect(map.locator('.react-flow__node-container')).toHaveCount(50, { timeout: 30_000 });
    expect(asked).toEqual([]);
    await expect(map.locator('.react-flow__node-network')).toHaveCount(8);
    await expect(map.locator('[data-testid^="rf__edge-e:"]')).toHaveCount(16);
    await expect(map.getByTestId(`topo-network-${nets[7]}`)).toHaveAttribute('data-internal', 'true');

    // No two container nodes overlap on screen.
    const boxes = await map.locator('.react-flow__node-container').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, w: r.width, h: r.height };
      }),
    );
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as (typeof boxes)[number];
        const b = boxes[j] as (typeof boxes)[number];
        expect(
          a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5,
          `nodes ${i} and ${j} overlap`,
        ).toBe(true);
      }
    await screenshot(page, 'topology-50');
    await setTheme(page, 'dark');
    await expect(map.locator('.react-flow__node-container')).toHaveCount(50, { timeout: 30_000 });
    await screenshot(page, 'topology-50-dark');
    await setTheme(page, 'light');
    await expect(map.locator('.react-flow__node-container')).toHaveCount(50, { timeout: 30_000 });

    // Zoom in with the control, then the filter narrows the map to one network and its containers.
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.getByRole('textbox', { name: 'Filter containers or networks' }).fill(nets[0] as string);
    // net0, and net3 and net5 through the two containers that bridge to them (c45, c48).
    await expect(map.locator('.react-flow__node-network')).toHaveCount(3, { timeout: 10_000 });
    await expect(page).toHaveURL(new RegExp(`q=${nets[0]}`));
  } finally {
    await cleanupRun();
  }
});
