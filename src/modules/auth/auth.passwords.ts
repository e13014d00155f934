import { Algorithm, hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id settings: 19 MiB, 2 iterations, 1 lane. */
const OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Spent on unknown e-mails too, so timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | null = null;
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('tollgate-no-such-account');
  await verifyPassword(await dummyHash, password);
}
