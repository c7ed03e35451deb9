/**
 * Bearer-token check for admin routes. Both sides are hashed first, so the comparison always
 * walks 32 bytes whatever the lengths, and a timing difference says nothing about the token.
 */
const encoder = new TextEncoder();

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

export async function isAdminToken(request: Request, expected: string | undefined): Promise<boolean> {
  if (!expected) return false;
  const header = request.headers.get('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let difference = given === '' ? 1 : 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}
