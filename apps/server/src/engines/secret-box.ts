import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts engine credentials at rest (AES-256-GCM). The key is `PORTHOLE_SECRET_KEY` (32 bytes as
 * base64 or hex, or any passphrase, stretched with scrypt) or else a random key generated once into
 * `secret.key` (mode 0600) in the data directory. Each value is bound to its owner and field
 * (additional data): a ciphertext copied to another engine's row does not decrypt.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static open(dataDir: string, configured: string | undefined): SecretBox {
    if (configured) return new SecretBox(keyFrom(configured));
    const file = path.join(dataDir, 'secret.key');
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    fs.chmodSync(file, 0o600);
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key (base64)`);
    return new SecretBox(key);
  }

  seal(plain: string, context: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The plain text, or an error that says the key does not fit (never the value). */
  unseal(sealed: string, context: string): string {
    const [version, data] = sealed.split(':', 2);
    if (version !== VERSION || !data) throw new Error(`A stored secret of ${context} has an unknown format`);
    const raw = Buffer.from(data, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`A stored secret of ${context} cannot be decrypted: was PORTHOLE_SECRET_KEY or secret.key changed?`);
    }
  }
}

function keyFrom(configured: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(configured)) return Buffer.from(configured, 'hex');
  const b64 = Buffer.from(configured, 'base64');
  if (b64.length === 32 && /^[A-Za-z0-9+/]{43}=?$/.test(configured)) return b64;
  return crypto.scryptSync(configured, 'porthole-engine-secrets', 32);
}
