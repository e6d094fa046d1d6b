import { describe, expect, it } from 'vitest';
import { cidrContains, cidrsOverlap, formatIp, ipInCidr, parseCidr, validateNetworkAddressing, type Cidr } from './networks.ts';

const c = (s: string) => parseCidr(s) as Cidr;

describe('CIDR arithmetic', () => {
  it('parses IPv4 and IPv6 blocks and rejects junk', () => {
    expect(c('172.30.1.0/24')).toMatchObject({ family: 4, prefix: 24 });
    expect(c('fd00:1::/64')).toMatchObject({ family: 6, prefix: 64 });
    expect(parseCidr('172.30.1.0')).toMatch(/CIDR/);
    expect(parseCidr('172.30.300.0/24')).toMatch(/not an IP/);
    expect(parseCidr('172.30.1.0/33')).toMatch(/at most 32/);
    expect(parseCidr('172.30.1.5/24', { strict: true })).toMatch(/172\.30\.1\.0\/24/);
  });

  it('contains, overlaps and places addresses', () => {
    expect(cidrContains(c('172.30.1.0/24'), c('172.30.1.128/25'))).toBe(true);
    expect(cidrContains(c('172.30.1.0/24'), c('172.30.0.0/16'))).toBe(false);
    expect(cidrContains(c('172.30.1.0/24'), c('172.30.2.0/25'))).toBe(false);
    expect(cidrsOverlap(c('172.30.0.0/16'), c('172.30.5.0/24'))).toBe(true);
    expect(cidrsOverlap(c('172.30.1.0/24'), c('172.30.2.0/24'))).toBe(false);
    expect(cidrsOverlap(c('172.30.1.0/24'), c('fd00::/8'))).toBe(false);
    expect(ipInCidr(c('172.30.1.0/24'), '172.30.1.1')).toBe(true);
    expect(ipInCidr(c('172.30.1.0/24'), '172.30.2.1')).toBe(false);
    expect(ipInCidr(c('fd00:1::/64'), 'fd00:1::1')).toBe(true);
    expect(formatIp(4, c('10.1.2.3/8').network)).toBe('10.0.0.0');
  });
});

describe('validateNetworkAddressing', () => {
  const existing = [
    { name: 'bridge', subnets: ['172.17.0.0/16'] },
    { name: 'lab-frontend', subnets: ['172.30.7.0/24'] },
  ];

  it('accepts a subnet with ip-range and gateway inside it', () => {
    expect(validateNetworkAddressing({ subnet: '172.30.9.0/24', ipRange: '172.30.9.128/25', gateway: '172.30.9.1' }, existing)).toEqual({});
  });

  it('refuses an overlapping subnet, naming the other network', () => {
    expect(validateNetworkAddressing({ subnet: '172.30.0.0/16' }, existing).subnet).toBe(
      'Overlaps 172.30.7.0/24 of network "lab-frontend"',
    );
  });

  it('refuses an ip-range or gateway outside the subnet, at the field', () => {
    const errors = validateNetworkAddressing({ subnet: '172.30.9.0/24', ipRange: '172.30.10.0/25', gateway: '172.30.10.1' }, existing);
    expect(errors.ipRange).toMatch(/inside the subnet/);
    expect(errors.gateway).toMatch(/inside the subnet/);
    expect(errors.subnet).toBeUndefined();
  });

  it('needs a subnet for an ip-range or gateway', () => {
    expect(validateNetworkAddressing({ gateway: '10.0.0.1' }).gateway).toMatch(/needs a subnet/);
  });
});
