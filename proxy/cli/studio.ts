/**
 * `npm run studio -- hash-password`: the PBKDF2 hash to put in INLET_STUDIO_PUBLISHER_PASSWORD (or
 * in the variable it names as "env:NAME"). The password is read from stdin, never from the command
 * line, so it stays out of shell history; on a terminal it is asked for without echo.
 */
import { createInterface } from 'node:readline';
import { hashPassword } from '../studio/passwords.ts';

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  process.stdout.write('Password (not shown): ');
  // Swallow the echo of each typed character.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

export async function runStudioCli(argv: string[], out: (line: string) => void = console.log, read = readPassword): Promise<number> {
  if (argv[0] !== 'hash-password') {
    out('usage: npm run studio -- hash-password   (reads the password from stdin)');
    return 2;
  }
  const password = await read();
  if (password.length < 12) {
    out('Use a password of at least 12 characters.');
    return 1;
  }
  out(await hashPassword(password));
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await runStudioCli(process.argv.slice(2));
