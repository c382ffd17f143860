/**
 * Creates the first admin account (or another account) from the command line:
 *   npm run create-admin -- --email admin@example.org [--name "Plot unit admin"] [--role admin]
 * A handler of one department's permit cases:
 *   npm run create-handler -- --email kasittelija@example.org --department environmental-services
 * The password is read from the ADMIN_PASSWORD variable or, when absent, asked for on the
 * terminal (not echoed). Exits 1 with a message when the address is taken or input is invalid.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { createUser } from '../server/auth/users.ts';
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db/index.ts';
import { HttpError } from '../server/http/errors.ts';
import { loadPermitCatalogue } from '../server/permits/load.ts';

async function askHidden(prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  let asked = false;
  out._writeToOutput = (s: string) => {
    if (!asked) process.stdout.write(s);
  };
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    asked = true;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string', default: '' },
      role: { type: 'string', default: 'admin' },
      department: { type: 'string' },
    },
  });
  if (!values.email || (values.role === 'handler' && !values.department)) {
    console.error(
      'Usage: npm run create-admin -- --email <address> [--name <display name>] [--role admin|publisher|editor]\n' +
        '       npm run create-handler -- --email <address> --department <department id> [--name <display name>]',
    );
    process.exit(2);
  }
  const password = process.env.ADMIN_PASSWORD || (await askHidden('Password (at least 12 characters): '));
  const config = loadConfig();
  const db = await openDb(config);
  try {
    if (values.department) {
      // A database never started yet has no departments: load the shipped catalogue (idempotent).
      await loadPermitCatalogue(db);
      const ids = (await db.query<{ id: string }>(`SELECT id FROM departments ORDER BY id`)).map((d) => d.id);
      if (!ids.includes(values.department)) {
        console.error(`Unknown department "${values.department}"; one of: ${ids.join(', ')}.`);
        process.exitCode = 1;
        return;
      }
    }
    const user = await createUser(
      db,
      {
        email: values.email,
        password,
        role: values.role,
        displayName: values.name,
        departmentId: values.department,
      },
      { userId: null, actor: 'command line' },
    );
    console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
  } catch (err) {
    if (err instanceof HttpError) {
      console.error(`${err.code}: ${err.message}`);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await db.close();
  }
}

void main();
