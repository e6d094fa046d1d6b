import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.ts';

describe('SecretBox', () => {
  it('generates a 0600 key file once and decrypts what it sealed after reopening', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-box-'));
    const sealed = SecretBox.open(dir, undefined).seal('-----BEGIN PRIVATE KEY-----', 'engine tls1 tls key');
    expect(sealed).not.toContain('PRIVATE');
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(SecretBox.open(dir, undefined).unseal(sealed, 'engine tls1 tls key')).toBe('-----BEGIN PRIVATE KEY-----');
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses a value moved to another field, or read with another key, without showing it', () => {
    const a = SecretBox.open('/nonexistent', 'passphrase one');
    const sealed = a.seal('s3cret', 'engine a ssh key');
    expect(() => a.unseal(sealed, 'engine b ssh key')).toThrow(/cannot be decrypted/);
    expect(() => SecretBox.open('/nonexistent', 'passphrase two').unseal(sealed, 'engine a ssh key')).toThrow(/PORTHOLE_SECRET_KEY/);
  });
});
